import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  SearchBox,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ProposalDto } from '#shared/proposal';
import { isFinalStatus, proposalStatusLabels } from '#shared/proposal-status';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { LoadingState } from '../StateViews';
import { useMerge, type MergeSearch } from './useMerge';

const useStyles = makeStyles({
  surface: { maxWidth: '640px' },
  candidates: { maxHeight: '40vh', overflowY: 'auto' },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  value: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const label = (proposal: ProposalDto) => `${proposal.number} ${proposal.title}`;

/** The search's outcome: nothing asked yet, searching, failed, nothing found, or the candidates. */
const MergeCandidates = ({ search }: { search: MergeSearch }) => {
  const styles = useStyles();
  const { query, searching, error, candidates } = search;
  if (query === '') return null;
  if (searching && candidates.length === 0) return <LoadingState label="検索しています…" />;
  if (error !== undefined) return <ActionError error={error} title="検索できませんでした" />;
  if (candidates.length === 0)
    return <Text className={styles.muted}>統合先にできる提案は見つかりませんでした。</Text>;
  return (
    <div className={styles.candidates}>
      <RadioGroup
        aria-label="統合先の候補"
        value={search.targetId ?? ''}
        onChange={(_event, data) => search.setTargetId(data.value)}
      >
        {candidates.map((candidate) => (
          <Radio
            key={candidate.id}
            value={candidate.id}
            label={`${label(candidate)}（${proposalStatusLabels[candidate.status]}）`}
          />
        ))}
      </RadioGroup>
    </div>
  );
};

const MergeTargetSearch = ({ proposal, search }: { proposal: ProposalDto; search: MergeSearch }) => (
  <>
    <Text>「{label(proposal)}」と同じ内容の提案を探して、統合先に選んでください。</Text>
    <Field label="統合先を検索" hint="提案番号（例: R6-0001）または件名・内容の語句">
      <SearchBox value={search.term} onChange={(_event, data) => search.setTerm(data.value)} />
    </Field>
    <MergeCandidates search={search} />
  </>
);

const MergeConfirmation = ({
  proposal,
  target,
  comment,
  onCommentChange,
  error,
  onReload,
}: {
  proposal: ProposalDto;
  target: ProposalDto;
  comment: string;
  onCommentChange(comment: string): void;
  error: unknown;
  onReload(): void;
}) => {
  const styles = useStyles();
  return (
    <>
      <dl className={styles.pair}>
        <dt className={styles.term}>統合する提案</dt>
        <dd className={styles.value}>{label(proposal)}</dd>
        <dt className={styles.term}>統合先</dt>
        <dd className={styles.value}>{label(target)}</dd>
      </dl>
      <Text>
        {`「${proposal.number}」は「統合」の状態になり、「${target.number}」にまとめられます。` +
          'どちらの提案も履歴はそのまま残り、両方の提案者に通知が届きます。この操作は取り消せません。'}
      </Text>
      <Field label="コメント" hint="内部メモとして履歴に残ります。提案者には表示されません。">
        <Input value={comment} maxLength={1000} onChange={(_event, data) => onCommentChange(data.value)} />
      </Field>
      {error !== undefined && <ActionError error={error} title="統合できませんでした" onReload={onReload} />}
    </>
  );
};

/**
 * 統合 (office): this proposal is a duplicate of another; it becomes 「統合」 and points to the one that
 * absorbs it. Both keep their history and both proposers are told. Sent with the version shown.
 */
export const MergeDialog = ({
  open,
  proposal,
  onClose,
  onDone,
}: {
  open: boolean;
  proposal: ProposalDto;
  onClose(): void;
  /** Merged, or the office asked to reload after a conflict: the page loads the proposals again. */
  onDone(): void;
}) => {
  const styles = useStyles();
  const merge = useMerge(open, proposal);
  const final = isFinalStatus(proposal.status);
  const { target } = merge;
  const submit = async () => {
    if (await merge.submit()) onDone();
  };
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title="重複する提案を統合"
      onClose={onClose}
      // Only the button moves on or merges: Enter in the search or comment box must not.
      form={false}
      {...(merge.confirming
        ? {
            onSubmit: submit,
            submitLabel: '統合する',
            busyLabel: '統合しています…',
            busy: merge.running,
            cancelLabel: '戻る',
            onCancel: merge.back,
          }
        : { onSubmit: final ? undefined : merge.confirm, submitLabel: '次へ', submitDisabled: !target })}
    >
      {final ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            「{proposalStatusLabels[proposal.status]}」の提案は他の提案に統合できません。
          </MessageBarBody>
        </MessageBar>
      ) : merge.confirming && target ? (
        <MergeConfirmation
          proposal={proposal}
          target={target}
          comment={merge.comment}
          onCommentChange={merge.setComment}
          error={merge.error}
          onReload={onDone}
        />
      ) : (
        <MergeTargetSearch proposal={proposal} search={merge.search} />
      )}
    </FormDialog>
  );
};
