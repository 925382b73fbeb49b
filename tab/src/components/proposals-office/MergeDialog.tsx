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
import { useEffect, useState } from 'react';
import { isFinalStatus, proposalStatusLabels } from '#shared/proposal-status';
import type { ProposalDto } from '#shared/proposal';
import { listProposals, mergeProposals, type ProposalMerge } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { LoadingState } from '../StateViews';

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

const searchDelayMs = 300;
/** Merged and withdrawn proposals cannot absorb another one. */
const canAbsorb = (candidate: ProposalDto) =>
  candidate.status !== 'merged' && candidate.status !== 'withdrawn';
const label = (proposal: ProposalDto) => `${proposal.number} ${proposal.title}`;

/** The text typed, once the typing has paused (so every keystroke does not become a search). */
const useSettled = (value: string): string => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), searchDelayMs);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
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
  const [term, setTerm] = useState('');
  const [targetId, setTargetId] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [comment, setComment] = useState('');
  const query = useSettled(term.trim());
  const merge = useAction((api, body: ProposalMerge) => mergeProposals(api, proposal.id, body));
  const { reset } = merge;
  const search = useApiQuery(open && query ? ['merge-targets', query] : null, (api, signal) =>
    listProposals(api, { q: query, pageSize: 20 }, signal),
  );

  useEffect(() => {
    if (!open) return;
    setTerm('');
    setTargetId(undefined);
    setConfirming(false);
    setComment('');
    reset();
  }, [open, proposal.id, reset]);

  const candidates = (search.data?.items ?? []).filter(
    (candidate) => candidate.id !== proposal.id && canAbsorb(candidate),
  );
  const target = candidates.find((candidate) => candidate.id === targetId);
  const searching = query !== term.trim() || search.loading;

  const submit = async () => {
    if (!target) return;
    const result = await merge.run({
      version: proposal.version,
      intoId: target.id,
      ...(comment.trim() ? { comment } : {}),
    });
    if (result) onDone();
  };

  let body;
  if (isFinalStatus(proposal.status)) {
    body = (
      <MessageBar intent="warning">
        <MessageBarBody>
          「{proposalStatusLabels[proposal.status]}」の提案は他の提案に統合できません。
        </MessageBarBody>
      </MessageBar>
    );
  } else if (confirming && target) {
    body = (
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
        <Field label="コメント" hint="変更の履歴に残ります。">
          <Input value={comment} maxLength={1000} onChange={(_event, data) => setComment(data.value)} />
        </Field>
        {merge.error !== undefined && (
          <ActionError error={merge.error} title="統合できませんでした" onReload={onDone} />
        )}
      </>
    );
  } else {
    body = (
      <>
        <Text>「{label(proposal)}」と同じ内容の提案を探して、統合先に選んでください。</Text>
        <Field label="統合先を検索" hint="提案番号（例: R6-0001）または件名・内容の語句">
          <SearchBox value={term} onChange={(_event, data) => setTerm(data.value)} />
        </Field>
        {query === '' ? null : searching && candidates.length === 0 ? (
          <LoadingState label="検索しています…" />
        ) : search.error !== undefined ? (
          <ActionError error={search.error} title="検索できませんでした" />
        ) : candidates.length === 0 ? (
          <Text className={styles.muted}>統合先にできる提案は見つかりませんでした。</Text>
        ) : (
          <div className={styles.candidates}>
            <RadioGroup
              aria-label="統合先の候補"
              value={targetId ?? ''}
              onChange={(_event, data) => setTargetId(data.value)}
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
        )}
      </>
    );
  }

  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title="重複する提案を統合"
      onClose={onClose}
      // Only the button moves on or merges: Enter in the search or comment box must not.
      form={false}
      {...(confirming && target
        ? {
            onSubmit: submit,
            submitLabel: '統合する',
            busyLabel: '統合しています…',
            busy: merge.running,
            cancelLabel: '戻る',
            onCancel: () => {
              setConfirming(false);
              reset();
            },
          }
        : {
            onSubmit: isFinalStatus(proposal.status) ? undefined : () => setConfirming(true),
            submitLabel: '次へ',
            submitDisabled: !target,
          })}
    >
      {body}
    </FormDialog>
  );
};
