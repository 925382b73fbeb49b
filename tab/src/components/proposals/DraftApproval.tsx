import { Button, makeStyles, Text, tokens, useId } from '@fluentui/react-components';
import { Checkmark20Regular } from '@fluentui/react-icons';
import type { ProposalDto } from '#shared/proposal';
import { proposalStatusLabels } from '#shared/proposal-status';
import { approveAnswerDraft, getAnswerDraft } from '../../api/proposals';
import { isConflict, useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../ActionError';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  answer: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  button: { alignSelf: 'flex-start' },
});

/**
 * 承認待ちの回答案 (office): a liaison's draft of the status and answer as it stands; approving applies
 * it through the office's triage, which tells the proposer. Nothing shows when no draft waits.
 */
export const DraftApproval = ({
  proposal,
  onChanged,
  onReload,
  onSuccess,
}: {
  proposal: ProposalDto;
  onChanged(proposal: ProposalDto): void;
  onReload(): void;
  onSuccess(message: string): void;
}) => {
  const styles = useStyles();
  const titleId = useId('draft-approval');
  const saved = useApiQuery(['proposal-draft', proposal.id, proposal.version], (api, signal) =>
    getAnswerDraft(api, proposal.id, signal),
  );
  const approve = useAction((api) => approveAnswerDraft(api, proposal.id, { version: proposal.version }));
  const draft = saved.data?.draft;
  if (!draft) return null;
  const submit = async () => {
    const approved = await approve.run();
    if (approved) {
      onSuccess('回答案を承認しました。提案者に通知します。');
      onChanged(approved);
    }
  };
  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <h4 id={titleId} className={styles.title}>
        承認待ちの回答案（{draft.author.displayName}）
      </h4>
      {draft.status && <Text>状態：{proposalStatusLabels[draft.status]}</Text>}
      {draft.answer && <Text className={styles.answer}>{draft.answer}</Text>}
      {approve.error !== undefined && (
        <ActionError
          error={approve.error}
          title="回答案を承認できませんでした"
          onReload={isConflict(approve.error) ? onReload : undefined}
        />
      )}
      <Button
        className={styles.button}
        appearance="primary"
        icon={<Checkmark20Regular />}
        disabled={approve.running}
        onClick={() => void submit()}
      >
        {approve.running ? '承認しています…' : '承認して提案者に伝える'}
      </Button>
    </section>
  );
};
