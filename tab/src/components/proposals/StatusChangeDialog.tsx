import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { proposalLimits, type ProposalDto } from '#shared/proposal';
import type { ProposalTriageRequest } from '#shared/proposal-api';
import {
  blockReasonLabels,
  blockReasons,
  nextStatuses,
  proposalStatusLabels,
  type BlockReason,
  type ProposalStatus,
} from '#shared/proposal-status';
import { isApiError } from '../../api/api-error';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';

const useStyles = makeStyles({
  surface: { maxWidth: '640px' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const blockNoteLimit = 500;

interface FormValue {
  status: ProposalStatus;
  answer: string;
  blockReason: BlockReason | '';
  blockReasonNote: string;
  revisitOn: string;
  comment: string;
}

const initialValue = (proposal: ProposalDto): FormValue => ({
  status: proposal.status,
  answer: proposal.answer ?? '',
  blockReason: proposal.blockReason ?? '',
  blockReasonNote: proposal.blockReasonNote ?? '',
  revisitOn: proposal.revisitOn ?? '',
  comment: '',
});

/** Statuses the office may set from here: the current one (to edit only the answer) and the allowed next ones. */
const statusChoices = (current: ProposalStatus): ProposalStatus[] => [
  current,
  // Withdrawal is the proposer's act and merging has its own dialog (「統合」).
  ...nextStatuses(current).filter((status) => status !== 'withdrawn' && status !== 'merged'),
];

/** The PATCH body: only what changed, with the version the office saw. */
const requestBody = (proposal: ProposalDto, value: FormValue): ProposalTriageRequest => {
  const body: ProposalTriageRequest = { version: proposal.version };
  if (value.status !== proposal.status) body.status = value.status;
  const answer = value.answer.trim() ? value.answer : null;
  if (answer !== (proposal.answer ?? null)) body.answer = answer;
  if (value.status === 'blocked') {
    const blockReason = value.blockReason || null;
    const note = value.blockReasonNote.trim() || null;
    const revisitOn = value.revisitOn || null;
    if (body.status || blockReason !== proposal.blockReason) body.blockReason = blockReason;
    if (body.status || note !== proposal.blockReasonNote) body.blockReasonNote = note;
    if (body.status || revisitOn !== proposal.revisitOn) body.revisitOn = revisitOn;
  }
  if (value.comment.trim()) body.comment = value.comment.trim();
  return body;
};

const hasChanges = (body: ProposalTriageRequest): boolean =>
  Object.keys(body).some((key) => key !== 'version' && key !== 'comment');

/**
 * 「状態を変更」 (office): the new status among those the rules allow, the answer to the proposer and,
 * for 「その他」, the reason and when to look again. Sent with the version shown; the server decides
 * (its Japanese reasons appear next to the fields). Someone else's change first means reloading.
 */
export const StatusChangeDialog = ({
  open,
  proposal,
  onClose,
  onSaved,
  onConflict,
}: {
  open: boolean;
  proposal: ProposalDto;
  onClose(): void;
  onSaved(proposal: ProposalDto): void;
  /** Someone else changed the proposal: the caller loads the latest. */
  onConflict(): void;
}) => {
  const styles = useStyles();
  const [value, setValue] = useState<FormValue>(() => initialValue(proposal));
  const [submitted, setSubmitted] = useState(false);
  const save = useAction((api, body: ProposalTriageRequest) =>
    api.patch<ProposalDto>(`/api/proposals/${proposal.id}`, { body }),
  );
  const { reset } = save;

  // Each opening starts from the proposal as it is now.
  useEffect(() => {
    if (!open) return;
    setValue(initialValue(proposal));
    setSubmitted(false);
    reset();
  }, [open, proposal, reset]);

  const set = (patch: Partial<FormValue>) => setValue((previous) => ({ ...previous, ...patch }));
  const body = requestBody(proposal, value);
  const unchanged = !hasChanges(body);
  const reasonMissing = value.status === 'blocked' && !value.blockReason;
  const conflict = isApiError(save.error) && save.error.code === 'CONFLICT';
  const serverMessage = (field: string): string | undefined =>
    isApiError(save.error)
      ? save.error.details
          .filter((detail) => detail.path === field)
          .map((detail) => detail.message)
          .join(' ') || undefined
      : undefined;
  const hint = (field: string, clientMessage: string | undefined) =>
    serverMessage(field) ?? (submitted ? clientMessage : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (unchanged || reasonMissing) return;
    const saved = await save.run(body);
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open={open} onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>状態を変更（{proposal.number}）</DialogTitle>
            <DialogContent className={styles.form}>
              <Field
                label="状態"
                required
                validationMessage={hint('status', unchanged ? '変更する内容がありません。' : undefined)}
              >
                <Select
                  value={value.status}
                  onChange={(_event, data) => set({ status: data.value as ProposalStatus })}
                >
                  {statusChoices(proposal.status).map((status) => (
                    <option key={status} value={status}>
                      {proposalStatusLabels[status]}
                      {status === proposal.status ? '（現在の状態）' : ''}
                    </option>
                  ))}
                </Select>
              </Field>
              {value.status === 'blocked' && (
                <>
                  <Field
                    label="理由の区分"
                    required
                    validationMessage={hint(
                      'blockReason',
                      reasonMissing ? '理由の区分を選んでください。' : undefined,
                    )}
                  >
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
                    hint={`提案者にも表示されます（${blockNoteLimit}文字以内）。`}
                    validationMessage={hint('blockReasonNote', undefined)}
                  >
                    <Textarea
                      value={value.blockReasonNote}
                      maxLength={blockNoteLimit}
                      rows={2}
                      resize="vertical"
                      onChange={(_event, data) => set({ blockReasonNote: data.value })}
                    />
                  </Field>
                  <Field label="再検討時期" validationMessage={hint('revisitOn', undefined)}>
                    <Input
                      type="date"
                      value={value.revisitOn}
                      onChange={(_event, data) => set({ revisitOn: data.value })}
                    />
                  </Field>
                </>
              )}
              <Field
                label="回答"
                hint={`提案者に通知されます（${value.answer.length} / ${proposalLimits.answer}文字）。`}
                validationMessage={hint('answer', undefined)}
              >
                <Textarea
                  value={value.answer}
                  maxLength={proposalLimits.answer}
                  rows={5}
                  resize="vertical"
                  onChange={(_event, data) => set({ answer: data.value })}
                />
              </Field>
              <Field
                label="コメント"
                hint="変更の履歴に残ります（任意）。"
                validationMessage={hint('comment', undefined)}
              >
                <Input
                  value={value.comment}
                  maxLength={1000}
                  onChange={(_event, data) => set({ comment: data.value })}
                />
              </Field>
              {conflict ? (
                <MessageBar intent="warning" role="alert" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>他の人が先にこの提案を更新しました</MessageBarTitle>
                    保存していません。最新の内容を読み込んで確認してから、もう一度変更してください。
                  </MessageBarBody>
                  <MessageBarActions>
                    <Button onClick={onConflict}>最新の内容を読み込む</Button>
                  </MessageBarActions>
                </MessageBar>
              ) : (
                save.error !== undefined && <ActionError error={save.error} title="保存できませんでした" />
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabledFocusable={save.running}>
                {save.running ? '保存しています…' : '保存'}
              </Button>
              <Button onClick={onClose}>キャンセル</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
};
