import { Field, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ProposalDto } from '#shared/proposal';
import { withdrawProposal } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';

/**
 * 取下げ: the proposer's own (a comment is optional; the office is told), or the office's on the
 * proposer's behalf (`onBehalf`: the reason is required; the proposer is told). The server decides
 * who may; the dialog only asks.
 */
export const WithdrawDialog = ({
  open,
  proposal,
  onBehalf,
  onClose,
  onDone,
}: {
  open: boolean;
  proposal: ProposalDto;
  onBehalf: boolean;
  onClose(): void;
  onDone(saved: ProposalDto): void;
}) => {
  const [comment, setComment] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const withdraw = useAction((api, text: string) =>
    withdrawProposal(api, proposal.id, { version: proposal.version, ...(text ? { comment: text } : {}) }),
  );
  const { reset } = withdraw;
  useEffect(() => {
    if (!open) return;
    setComment('');
    setSubmitted(false);
    reset();
  }, [open, reset]);

  const missingReason = onBehalf && !comment.trim();
  const submit = async () => {
    setSubmitted(true);
    if (missingReason) return;
    const saved = await withdraw.run(comment.trim());
    if (saved) onDone(saved);
  };
  return (
    <FormDialog
      open={open}
      title={onBehalf ? '提案者に代わって取り下げる' : 'この提案を取り下げる'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="取り下げる"
      busyLabel="取り下げています…"
      busy={withdraw.running}
    >
      <div>
        {proposal.number}「{proposal.title}」を取り下げます。取り下げた提案は元に戻せません。
        {onBehalf ? '提案者に通知されます。' : '推進室に通知されます。'}
      </div>
      <Field
        label={onBehalf ? '理由' : 'コメント（任意）'}
        required={onBehalf}
        hint="履歴に残ります。"
        validationMessage={submitted && missingReason ? '理由を入力してください。' : undefined}
      >
        <Textarea
          value={comment}
          maxLength={1000}
          rows={3}
          onChange={(_event, data) => setComment(data.value)}
        />
      </Field>
      {withdraw.error !== undefined && (
        <ActionError error={withdraw.error} title="取り下げられませんでした" />
      )}
    </FormDialog>
  );
};
