/**
 * When the similar-proposal check shows anything. The score is the IDF-weighted cosine of the draft's
 * and a proposal's character bigrams (bot/src/data/repositories/similar-proposals-repository.ts).
 * Chosen from the labelled evaluation set (bench/data/similar-eval.jsonl, `npm run bench -- --only
 * similar`): the lowest threshold at which no more than 5% of drafts that duplicate nothing are shown a
 * match. See docs/benchmarks.md for the measured recall and false matches.
 */
export const similarProposalThreshold = 0.28;

/** Similar proposals a form shows by number and title; any more that the user may see are left out. */
export const similarProposalsShown = 3;

/** The draft text the check compares: what the form has, cut to a bounded length. */
export const similarDraftText = (draft: { title: string; body?: string; expectedEffect?: string | null }) =>
  [draft.title, draft.body ?? '', draft.expectedEffect ?? ''].join(' ').slice(0, 1000);
