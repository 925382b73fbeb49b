import {
  fiscalYearOf,
  similarDraftText,
  similarProposalsShown,
  similarProposalThreshold,
  similarProposalThresholdAt,
  type Actor,
} from '#shared';
import type { Database } from '../../data/database';
import {
  findSimilarCandidatesForRequest,
  findSimilarProposalCandidates,
  type SimilarCandidates,
  type SimilarProposalCandidate,
} from '../../data/repositories/similar-proposals-repository';
import { proposalFormOptionsOf, type ProposalFormOptions } from '../catalog/catalog';
import { canSupport } from '../engagement/engagement-access';
import { canSeeProposal } from './proposal-access';

/** A look-alike the asker may see, and whether they may support (賛同) it from the form. */
export interface ShownSimilarProposal extends SimilarProposalCandidate {
  canSupport: boolean;
}

export interface SimilarToDraft {
  /** Up to `limit` open proposals like the draft that the asker may see, most similar first. */
  shown: ShownSimilarProposal[];
  /** How many more above the threshold the asker may not see (shown as a count, never by title). */
  hiddenCount: number;
}

/**
 * Open proposals similar to a draft, so a proposer sees likely duplicates before submitting. The
 * candidates are found and scored in the database (bounded, see similar-proposals-repository.ts);
 * the visibility rule decides which of them are shown by number and title, the 賛同 rule whether the
 * form offers to support them.
 */
export const findSimilarToDraft = async (
  db: Database,
  actor: Actor,
  draft: { title: string; body?: string; expectedEffect?: string | null },
  options: { limit?: number; excludeId?: string } = {},
): Promise<SimilarToDraft> => {
  const found = await findSimilarProposalCandidates(db, similarDraftText(draft), {
    limit: 20,
    minScore: similarProposalThreshold,
    viewerId: actor.userId,
    ...(options.excludeId ? { excludeId: options.excludeId } : {}),
  });
  return shownTo(actor, found, options.limit);
};

/**
 * findSimilarToDraft for a 提出する under `requestId`, with what the caller needs when it shows the form
 * instead of taking the proposal, read in the same round trip: whether the asker's proposal was already
 * taken under it (a retry, which must get its confirmation instead) and the form's options at `now`.
 * Known only when the check found anything, which is when the caller would show the form.
 */
export const findSimilarToDraftForRequest = async (
  db: Database,
  actor: Actor,
  draft: { title: string; body?: string; expectedEffect?: string | null },
  requestId: string,
  now = new Date(),
): Promise<SimilarToDraft & { requestTaken: boolean; formOptions: ProposalFormOptions | undefined }> => {
  const formFiscalYear = fiscalYearOf(now);
  const { takenId, formChoices, ...found } = await findSimilarCandidatesForRequest(
    db,
    similarDraftText(draft),
    {
      limit: 20,
      minScore: similarProposalThreshold,
      proposerId: actor.userId,
      requestId,
      formFiscalYear,
    },
  );
  return {
    ...shownTo(actor, found),
    requestTaken: takenId !== null,
    formOptions: formChoices ? proposalFormOptionsOf(formFiscalYear, formChoices) : undefined,
  };
};

/**
 * What the asker sees of the candidates: those scoring the threshold at the check's number of proposals
 * (the database was asked for those scoring its floor), of them those the visibility rule lets them see,
 * the rest as a count.
 */
const shownTo = (
  actor: Actor,
  { candidates: all, total }: SimilarCandidates,
  limit = similarProposalsShown,
): SimilarToDraft => {
  const threshold = similarProposalThresholdAt(total);
  const candidates = all.filter((candidate) => candidate.score >= threshold);
  const visible = candidates.filter((candidate) => canSeeProposal(actor, candidate));
  return {
    shown: visible
      .slice(0, limit)
      .map((candidate) => ({ ...candidate, canSupport: canSupport(actor, candidate) })),
    hiddenCount: candidates.length - visible.length,
  };
};
