import { similarDraftText, similarProposalsShown, similarProposalThreshold, type Actor } from '#shared';
import type { Database } from '../../data/database';
import {
  findSimilarProposalCandidates,
  type SimilarProposalCandidate,
} from '../../data/repositories/similar-proposals-repository';
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
  const candidates = await findSimilarProposalCandidates(db, similarDraftText(draft), {
    limit: 20,
    minScore: similarProposalThreshold,
    viewerId: actor.userId,
    ...(options.excludeId ? { excludeId: options.excludeId } : {}),
  });
  const visible = candidates.filter((candidate) => canSeeProposal(actor, candidate));
  return {
    shown: visible
      .slice(0, options.limit ?? similarProposalsShown)
      .map((candidate) => ({ ...candidate, canSupport: canSupport(actor, candidate) })),
    hiddenCount: candidates.length - visible.length,
  };
};
