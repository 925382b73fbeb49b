import { useEffect, useState } from 'react';
import type { ProposalDto } from '#shared/proposal';
import { listProposals, mergeProposals, type ProposalMerge } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useSettled } from '../../hooks/useSettled';

/** Merged and withdrawn proposals cannot absorb another one. */
const canAbsorb = (candidate: ProposalDto) =>
  candidate.status !== 'merged' && candidate.status !== 'withdrawn';

/**
 * 統合's state: the search for the proposal that absorbs this one (once the typing pauses), the chosen
 * target, the confirmation step and the merge itself, sent with the version shown. Every opening
 * starts afresh.
 */
export const useMerge = (open: boolean, proposal: ProposalDto) => {
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

  /** Resolves to whether the proposal was merged. */
  const submit = async (): Promise<boolean> => {
    if (!target) return false;
    const result = await merge.run({
      version: proposal.version,
      intoId: target.id,
      ...(comment.trim() ? { comment } : {}),
    });
    return result !== undefined;
  };

  return {
    search: {
      term,
      setTerm,
      query,
      searching: query !== term.trim() || search.loading,
      error: search.error,
      candidates,
      targetId,
      setTargetId,
    },
    target,
    confirming: confirming && target !== undefined,
    confirm: () => setConfirming(true),
    back: () => {
      setConfirming(false);
      reset();
    },
    comment,
    setComment,
    submit,
    running: merge.running,
    error: merge.error,
  };
};

export type MergeSearch = ReturnType<typeof useMerge>['search'];
