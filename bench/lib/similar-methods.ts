import { sql } from 'drizzle-orm';
import { storableText } from '#shared';
import { queryRows, type Executor } from '../../bot/src/data/database';
import { findSimilarProposalCandidates } from '../../bot/src/data/repositories/similar-proposals-repository';

/**
 * The similar-proposal methods the bench compares, each returning a draft's three best open proposals
 * with their scores (no threshold: the bench sweeps it).
 */
export interface Scored {
  id: string;
  number: string;
  score: number;
}

export type SimilarMethod = (db: Executor, text: string) => Promise<Scored[]>;

/** The product's method (similar-proposals-repository.ts). */
export const idfCosine: SimilarMethod = async (db, text) =>
  (await findSimilarProposalCandidates(db, text, { limit: 3, minScore: 0 })).candidates.map(
    ({ id, number, score }) => ({ id, number, score }),
  );

/**
 * The method before issue 16, verbatim from proposals-repository.ts (findSimilarProposals): every
 * proposal sharing any bigram with the draft, scored by the share of the draft's bigrams it has. The
 * product showed those scoring 0.3 or more.
 */
export const sharedBigrams: SimilarMethod = async (db, text) => {
  const rows = await queryRows<{ id: string; number: string; score: number | string }>(
    db,
    sql`
    with q as (
      select grams, cardinality(grams) as size
      from (select array(select g from unnest(app_search_grams(${storableText(text)})) g where length(g) = 2) as grams) s
    )
    select p.id, p.number,
           cardinality(array(select unnest(p.search_grams) intersect select unnest(q.grams)))::float8 / q.size as score
    from proposals p, q
    where q.size > 0
      and p.search_grams && q.grams
      and p.status not in ('withdrawn', 'merged')
    order by score desc, p.submitted_at desc
    limit 3`,
  );
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
};

/**
 * pg_trgm's similarity() of the draft and the proposal's title and body, the approach Decidim takes for
 * the same feature. Needs the extension and a UTF-8 ctype (under C it ignores multibyte characters).
 * Scored over every open proposal (no index: this measures quality, not speed).
 */
export const trigramSimilarity: SimilarMethod = async (db, text) => {
  const rows = await queryRows<{ id: string; number: string; score: number | string }>(
    db,
    sql`select p.id, p.number, similarity(p.title || ' ' || p.body, ${storableText(text)}) as score
        from proposals p
        where p.status not in ('withdrawn', 'merged')
        order by score desc, p.submitted_at desc
        limit 3`,
  );
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
};

export interface QualityPoint {
  threshold: number;
  /** Drafts with a duplicate whose duplicate is shown (score ≥ threshold, among the three best). */
  recallAt3: number;
  /** Drafts without a duplicate that are shown anything. */
  falseMatchShare: number;
}

export interface DraftOutcome {
  duplicates: string[];
  top: { id: string; score: number }[];
}

export const qualityAt = (outcomes: DraftOutcome[], threshold: number): QualityPoint => {
  const withDuplicate = outcomes.filter((o) => o.duplicates.length > 0);
  const without = outcomes.filter((o) => o.duplicates.length === 0);
  const shown = (o: DraftOutcome) => o.top.filter((item) => item.score >= threshold);
  return {
    threshold,
    recallAt3:
      withDuplicate.filter((o) => shown(o).some((item) => o.duplicates.includes(item.id))).length /
      Math.max(1, withDuplicate.length),
    falseMatchShare: without.filter((o) => shown(o).length > 0).length / Math.max(1, without.length),
  };
};

/** The lowest threshold (most recall) at which at most `maxFalse` of the drafts without a duplicate see a match. */
export const bestThreshold = (outcomes: DraftOutcome[], maxFalse: number): QualityPoint => {
  const candidates = [...new Set(outcomes.flatMap((o) => o.top.map((item) => item.score)))]
    .filter((score) => score > 0)
    .sort((a, b) => a - b);
  for (const threshold of candidates) {
    const point = qualityAt(outcomes, threshold);
    if (point.falseMatchShare <= maxFalse) return point;
  }
  return { threshold: Infinity, recallAt3: 0, falseMatchShare: 0 };
};
