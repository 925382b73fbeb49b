import type { Database } from '../../data/database';
import { findSimilarProposals } from '../../data/repositories/proposals-repository';

/** Up to `limit` open proposals similar to a draft, so a proposer sees likely duplicates first. */
export const findSimilarToDraft = async (
  db: Database,
  draft: { title: string; body?: string },
  options: { limit?: number; excludeId?: string } = {},
) =>
  findSimilarProposals(db, `${draft.title} ${draft.body ?? ''}`.slice(0, 400), {
    limit: options.limit ?? 3,
    minScore: 0.3,
    ...(options.excludeId ? { excludeId: options.excludeId } : {}),
  });
