/**
 * When the similar-proposal check shows anything, with a long history. The score is the IDF-weighted
 * cosine of the draft's and a proposal's character bigrams (bot/src/data/repositories/
 * similar-proposals-repository.ts). Chosen from the labelled evaluation set (bench/data/
 * similar-eval.jsonl, `npm run bench -- --only similar`): the lowest threshold at which no more than 5%
 * of drafts that duplicate nothing are shown a match. See docs/benchmarks.md for the measured recall
 * and false matches.
 */
export const similarProposalThreshold = 0.28;

/**
 * The threshold at `total` proposals (those the check's weights were taken at). With few proposals
 * every bigram weighs about alike and the draft's bigrams no proposal has count for nothing, so a draft
 * sharing only common phrasing (「〜してほしい」) scores high: at 0.28, 65% of the evaluation set's
 * drafts that duplicate nothing were shown the one proposal of a new installation, 10% with ten. The
 * excess over 0.28, 0.2 / total^0.65, keeps that share at or under 5% on random parts of the
 * evaluation corpus of 1 to 183 proposals (docs/benchmarks.md, "With few proposals"): 0.48 at one
 * proposal, 0.325 at ten, 0.29 at a hundred, 0.282 at a thousand.
 */
export const similarProposalThresholdAt = (total: number): number =>
  similarProposalThreshold + 0.2 * Math.max(1, total) ** -0.65;

/** Similar proposals a form shows by number and title; any more that the user may see are left out. */
export const similarProposalsShown = 3;

/** The draft text the check compares: what the form has, cut to a bounded length. */
export const similarDraftText = (draft: { title: string; body?: string; expectedEffect?: string | null }) =>
  [draft.title, draft.body ?? '', draft.expectedEffect ?? ''].join(' ').slice(0, 1000);
