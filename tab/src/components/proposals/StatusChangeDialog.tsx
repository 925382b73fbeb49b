import {
  Button,
  Checkbox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { proposalLimits, type ProposalDto } from '#shared/proposal';
import { nextStatuses, type BlockReason, type ProposalStatus } from '#shared/proposal-status';
import { isApiError } from '../../api/api-error';
import { changeProposal, type ProposalChange } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { AnswerTemplatePicker } from '../answer-templates/AnswerTemplatePicker';
import { FormDialog } from '../FormDialog';
import { StatusFields, statusFormValid } from '../proposals-office/StatusFields';

const useStyles = makeStyles({ surface: { maxWidth: '640px' } });

interface FormValue {
  status: ProposalStatus;
  answer: string;
  blockReason: BlockReason | '';
  blockReasonNote: string;
  revisitOn: string;
  /** The internal note (内部メモ): kept with the change, never shown to the proposers. */
  comment: string;
  /** Sign a changed answer with the office member's name. */
  signAnswer: boolean;
}

const initialValue = (proposal: ProposalDto): FormValue => ({
  status: proposal.status,
  answer: proposal.answer ?? '',
  blockReason: proposal.blockReason ?? '',
  blockReasonNote: proposal.blockReasonNote ?? '',
  revisitOn: proposal.revisitOn ?? '',
  comment: '',
  signAnswer: false,
});

/** Statuses the office may set from here: the current one (to edit only the answer) and the allowed next ones. */
const statusChoices = (current: ProposalStatus): ProposalStatus[] => [
  current,
  // Withdrawal is the proposer's act and merging has its own dialog (「統合」).
  ...nextStatuses(current).filter((status) => status !== 'withdrawn' && status !== 'merged'),
];

/** The PATCH body: only what changed, with the version the office saw. */
const requestBody = (proposal: ProposalDto, value: FormValue): ProposalChange => {
  const body: ProposalChange = { version: proposal.version };
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
  if (body.answer !== undefined && value.signAnswer) body.signAnswer = true;
  return body;
};

/** The note and the signature go with a change; alone they are not one. */
const hasChanges = (body: ProposalChange): boolean =>
  Object.keys(body).some((key) => key !== 'version' && key !== 'comment' && key !== 'signAnswer');

/**
 * The dialog's form and request: starts from the proposal as it is at each opening, sends only what
 * changed (with the version shown), and puts the server's Japanese reasons next to their fields.
 */
const useStatusChange = (open: boolean, proposal: ProposalDto, onSaved: (proposal: ProposalDto) => void) => {
  const [value, setValue] = useState<FormValue>(() => initialValue(proposal));
  const [submitted, setSubmitted] = useState(false);
  const save = useAction((api, body: ProposalChange) => changeProposal(api, proposal.id, body));
  const { reset } = save;

  // Each opening starts from the proposal as it is now.
  useEffect(() => {
    if (!open) return;
    setValue(initialValue(proposal));
    setSubmitted(false);
    reset();
  }, [open, proposal, reset]);

  const body = requestBody(proposal, value);
  const unchanged = !hasChanges(body);
  const serverMessage = (field: string): string | undefined =>
    isApiError(save.error)
      ? save.error.details
          .filter((detail) => detail.path === field)
          .map((detail) => detail.message)
          .join(' ') || undefined
      : undefined;

  const submit = async () => {
    setSubmitted(true);
    if (unchanged || !statusFormValid(value)) return;
    const saved = await save.run(body);
    if (saved) onSaved(saved);
  };

  return {
    value,
    answerChanged: body.answer !== undefined,
    setValue,
    set: (patch: Partial<FormValue>) => setValue((previous) => ({ ...previous, ...patch })),
    submitted,
    unchanged,
    serverMessage,
    /** The server's reason for a field, else (once submitted) the form's own. */
    hint: (field: string, clientMessage: string | undefined) =>
      serverMessage(field) ?? (submitted ? clientMessage : undefined),
    submit,
    running: save.running,
    error: save.error,
    conflict: isApiError(save.error) && save.error.code === 'CONFLICT',
  };
};

/** Someone else changed the proposal first: nothing was saved; the cure is to load the latest. */
const ConflictMessage = ({ onConflict }: { onConflict(): void }) => (
  <MessageBar intent="warning" role="alert" layout="multiline">
    <MessageBarBody>
      <MessageBarTitle>他の人が先にこの提案を更新しました</MessageBarTitle>
      保存していません。最新の内容を読み込んで確認してから、もう一度変更してください。
    </MessageBarBody>
    <MessageBarActions>
      <Button onClick={onConflict}>最新の内容を読み込む</Button>
    </MessageBarActions>
  </MessageBar>
);

/**
 * 回答 (told to the proposer, signed with the office member's name only when they choose) and 内部メモ
 * (kept with the change for the office and the 所管課's liaisons; the proposers never see it).
 */
const AnswerAndNote = ({ form }: { form: ReturnType<typeof useStatusChange> }) => (
  <>
    <Field
      label="回答"
      hint={`提案者に通知されます（${form.value.answer.length} / ${proposalLimits.answer}文字）。`}
      validationMessage={form.hint('answer', undefined)}
    >
      <Textarea
        value={form.value.answer}
        maxLength={proposalLimits.answer}
        rows={5}
        resize="vertical"
        onChange={(_event, data) => form.set({ answer: data.value })}
      />
    </Field>
    <Field
      hint={
        form.answerChanged
          ? '署名すると、履歴の回答者として提案者にもあなたの氏名が表示されます。署名しない場合は「推進室」と表示されます。'
          : '回答を変更したときに選べます。'
      }
      validationMessage={form.hint('signAnswer', undefined)}
    >
      <Checkbox
        label="回答に氏名を署名する"
        checked={form.answerChanged && form.value.signAnswer}
        disabled={!form.answerChanged}
        onChange={(_event, data) => form.set({ signAnswer: data.checked === true })}
      />
    </Field>
    <Field
      label="内部メモ"
      hint="推進室と所管課の担当者だけが見られます。提案者には表示されません（任意）。"
      validationMessage={form.hint('comment', undefined)}
    >
      <Textarea
        value={form.value.comment}
        maxLength={1000}
        rows={2}
        resize="vertical"
        onChange={(_event, data) => form.set({ comment: data.value })}
      />
    </Field>
  </>
);

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
  const form = useStatusChange(open, proposal, onSaved);
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={`状態を変更（${proposal.number}）`}
      onClose={onClose}
      onSubmit={form.submit}
      submitLabel="保存"
      busyLabel="保存しています…"
      busy={form.running}
    >
      <StatusFields
        value={form.value}
        onChange={form.setValue}
        statuses={statusChoices(proposal.status)}
        current={proposal.status}
        showErrors={form.submitted}
        messages={{
          status: form.hint('status', form.unchanged ? '変更する内容がありません。' : undefined),
          blockReason: form.serverMessage('blockReason'),
          blockReasonNote: form.serverMessage('blockReasonNote'),
          revisitOn: form.serverMessage('revisitOn'),
        }}
      />
      {open && <AnswerTemplatePicker proposal={proposal} onPick={(answer) => form.set({ answer })} />}
      <AnswerAndNote form={form} />
      {form.conflict ? (
        <ConflictMessage onConflict={onConflict} />
      ) : (
        form.error !== undefined && <ActionError error={form.error} title="保存できませんでした" />
      )}
    </FormDialog>
  );
};
