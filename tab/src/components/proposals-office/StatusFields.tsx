import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import {
  blockReasonLabels,
  blockReasons,
  proposalStatusLabels,
  type BlockReason,
  type ProposalStatus,
} from '#shared/proposal-status';

/** The statuses the office sets by hand (withdrawal is the proposer's act, merging has its own dialog). */
export const officeStatuses = [
  'under_consideration',
  'settled',
  'realised',
  'blocked',
] as const satisfies readonly ProposalStatus[];
export type OfficeStatus = (typeof officeStatuses)[number];

export interface StatusFormValue {
  status: ProposalStatus | '';
  blockReason: BlockReason | '';
  blockReasonNote: string;
  revisitOn: string;
}

export const emptyStatusForm: StatusFormValue = {
  status: '',
  blockReason: '',
  blockReasonNote: '',
  revisitOn: '',
};

type FieldMessages = Partial<Record<keyof StatusFormValue, string | undefined>>;

/** 「その他」's details: the reason category (required), the reason and the date to look at it again. */
const BlockReasonFields = ({
  value,
  set,
  reasonMessage,
  messages,
}: {
  value: StatusFormValue;
  set(patch: Partial<StatusFormValue>): void;
  reasonMessage: string | undefined;
  messages: FieldMessages;
}) => (
  <>
    <Field label="理由の区分" required validationMessage={reasonMessage}>
      <Select
        value={value.blockReason}
        onChange={(_event, data) => set({ blockReason: data.value as BlockReason })}
      >
        <option value="" disabled>
          選んでください
        </option>
        {blockReasons.map((reason) => (
          <option key={reason} value={reason}>
            {blockReasonLabels[reason]}
          </option>
        ))}
      </Select>
    </Field>
    <Field
      label="理由"
      hint="提案者にも表示されます（500文字以内）。"
      validationMessage={messages.blockReasonNote}
    >
      <Textarea
        value={value.blockReasonNote}
        maxLength={500}
        rows={2}
        resize="vertical"
        onChange={(_event, data) => set({ blockReasonNote: data.value })}
      />
    </Field>
    <Field label="再検討時期" validationMessage={messages.revisitOn}>
      <Input
        type="date"
        value={value.revisitOn}
        onChange={(_event, data) => set({ revisitOn: data.value })}
      />
    </Field>
  </>
);

/**
 * 「状態」 and, for 「その他」 (blocked for now, not rejected), the reason category, the reason and the
 * date to look at it again. `value` may carry the rest of the caller's form; a change keeps it.
 * With `current` the list offers that status (marked as such) and has no 「選んでください」.
 */
export const StatusFields = <V extends StatusFormValue>({
  value,
  onChange,
  statuses = officeStatuses,
  current,
  showErrors,
  messages = {},
}: {
  value: V;
  onChange(value: NoInfer<V>): void;
  statuses?: readonly ProposalStatus[];
  current?: ProposalStatus;
  showErrors: boolean;
  /** Shown under a field in place of its own check's message (e.g. the server's reasons). */
  messages?: FieldMessages;
}) => {
  const set = (patch: Partial<StatusFormValue>) => onChange({ ...value, ...patch });
  const message = (field: 'status' | 'blockReason', problem: string | undefined) =>
    messages[field] ?? (showErrors ? problem : undefined);
  return (
    <>
      <Field
        label="状態"
        required
        validationMessage={message('status', value.status ? undefined : '状態を選んでください。')}
      >
        <Select
          value={value.status}
          onChange={(_event, data) => set({ status: data.value as ProposalStatus })}
        >
          {current === undefined && (
            <option value="" disabled>
              選んでください
            </option>
          )}
          {statuses.map((status) => (
            <option key={status} value={status}>
              {proposalStatusLabels[status]}
              {status === current ? '（現在の状態）' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {value.status === 'blocked' && (
        <BlockReasonFields
          value={value}
          set={set}
          reasonMessage={message(
            'blockReason',
            value.blockReason ? undefined : '理由の区分を選んでください。',
          )}
          messages={messages}
        />
      )}
    </>
  );
};

/** The status part of a request body; block details only with 「その他」. */
export const statusBody = (value: StatusFormValue) => ({
  status: value.status as OfficeStatus,
  ...(value.status === 'blocked'
    ? {
        blockReason: value.blockReason as BlockReason,
        blockReasonNote: value.blockReasonNote.trim() || null,
        revisitOn: value.revisitOn || null,
      }
    : {}),
});

export const statusFormValid = (value: StatusFormValue): boolean =>
  value.status !== '' && (value.status !== 'blocked' || value.blockReason !== '');
