import { sql } from 'drizzle-orm';
import { similarProposalThreshold, similarProposalThresholdAt, type Actor } from '#shared';
import { queryRows, type DatabaseHandle } from '../../bot/src/data/database';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { importProposalsCsv } from '../../bot/src/services/csv/import-proposals';
import { findSimilarToDraft } from '../../bot/src/services/proposals/similar-proposals';
import type { BenchContext, ScenarioResult } from '../lib/context';
import { createBenchDatabase, type Backend, type BenchDatabase } from '../lib/databases';
import { loadSimilarEval, similarCorpusStatements } from '../lib/similar-data';
import {
  bestThreshold,
  idfCosine,
  qualityAt,
  sharedBigrams,
  trigramSimilarity,
  type DraftOutcome,
  type SimilarMethod,
} from '../lib/similar-methods';
import { percentile, round } from '../lib/stats';

/**
 * Similar-proposal detection (issue 16): quality on the labelled evaluation set and the check's latency
 * at 10k / 100k / 1M proposals.
 *
 * Quality: the evaluation set's 183 proposals imported through the product's CSV import into an empty
 * database; each of its 302 drafts (152 duplicates written in other words, 150 duplicating nothing)
 * asks each method for its three best open proposals. recall@3 is the share of duplicates whose
 * proposal is among those shown (score at or above the threshold), the false-match share the share of
 * the other drafts that are shown anything. Methods: the bigram overlap used before (threshold 0.3),
 * pg_trgm's similarity() on this UTF-8 database (PostgreSQL only; its default threshold 0.3), and the
 * product's IDF-weighted bigram cosine at the product's threshold. For each method also the best
 * threshold that keeps false matches at or under 5%, and that choice cross-validated (chosen on half
 * the drafts, judged on the other half). The product's threshold is the one it shows at the corpus's
 * number of proposals (similarProposalThresholdAt); with few proposals see measureFewProposals.
 *
 * Latency: recombined corpora (similar-data.ts) loaded set-based; all 302 drafts checked through the
 * service (findSimilarToDraft, as the card action calls it, for a member of staff) one after another,
 * after a warm-up pass; p50/p95/p99 per size. The method used before is timed on a sample of drafts at
 * 10k and 100k.
 */
const staff: Actor = { userId: '00000000-0000-4000-8000-00000000abcd', roles: [] };

const csvOf = (rows: { title: string; body: string }[]) =>
  Buffer.from(
    [
      '提出日,件名,提案内容,分類,提案者,状況',
      ...rows.map((row) => `2024-06-01,${row.title},${row.body},その他,評価 職員,検討中`),
    ].join('\r\n'),
    'utf8',
  );

const outcomesOf = async (
  handle: DatabaseHandle,
  method: SimilarMethod,
  idOfNumber: Map<string, string>,
): Promise<DraftOutcome[]> => {
  const { drafts } = loadSimilarEval();
  const outcomes: DraftOutcome[] = [];
  for (const draft of drafts) {
    const top = await method(handle.db, `${draft.title} ${draft.body}`);
    outcomes.push({
      duplicates: draft.duplicates,
      top: top.map((item) => ({ id: idOfNumber.get(item.number) ?? item.number, score: item.score })),
    });
  }
  return outcomes;
};

const qualityFigures = (name: string, outcomes: DraftOutcome[], shippedThreshold: number) => {
  const shipped = qualityAt(outcomes, shippedThreshold);
  const ranked = qualityAt(outcomes, -Infinity);
  const best = bestThreshold(outcomes, 0.05);
  // Cross-validation: threshold chosen on one half of the drafts (each half has duplicates and not),
  // judged on the other half; the mean of both directions.
  const halves = [0, 1].map((parity) => outcomes.filter((_, index) => index % 2 === parity));
  const crossed = [0, 1].map((k) => qualityAt(halves[1 - k]!, bestThreshold(halves[k]!, 0.05).threshold));
  const figures: Record<string, number> = {
    [`${name}RankedRecallAt3`]: round(ranked.recallAt3, 3),
    [`${name}Threshold`]: shippedThreshold,
    [`${name}RecallAt3`]: round(shipped.recallAt3, 3),
    [`${name}FalseMatchPct`]: round(shipped.falseMatchShare * 100, 1),
    [`${name}BestThresholdAt5Pct`]: round(best.threshold, 3),
    [`${name}RecallAt3At5Pct`]: round(best.recallAt3, 3),
    [`${name}CrossValidatedRecallAt3`]: round((crossed[0]!.recallAt3 + crossed[1]!.recallAt3) / 2, 3),
    [`${name}CrossValidatedFalseMatchPct`]: round(
      ((crossed[0]!.falseMatchShare + crossed[1]!.falseMatchShare) / 2) * 100,
      1,
    ),
  };
  return figures;
};

const measureQuality = async (backend: Backend, notes: string[]): Promise<Record<string, number>> => {
  const database = await createBenchDatabase(backend, 'simeval');
  const handle = await database.open();
  try {
    const { corpus } = loadSimilarEval();
    const imported = await importProposalsCsv(handle.db, { actor: null, content: csvOf(corpus) });
    // The worker folds the import's term deltas into the counts within seconds; no worker runs here.
    await foldProposalTermCounts(handle.db);
    const idOfNumber = new Map(imported.numbers.map((number, index) => [number, corpus[index]!.id]));
    const figures: Record<string, number> = {
      ...qualityFigures(
        'idf',
        await outcomesOf(handle, idfCosine, idOfNumber),
        similarProposalThresholdAt(corpus.length),
      ),
      ...qualityFigures('bigram', await outcomesOf(handle, sharedBigrams, idOfNumber), 0.3),
    };
    if (backend === 'postgres') {
      await handle.db.execute(sql`create extension if not exists pg_trgm`);
      const [locale] = await queryRows<{ ctype: string }>(
        handle.db,
        sql`select current_setting('lc_ctype') as ctype`,
      );
      notes.push(`postgres: pg_trgm measured on a database with lc_ctype ${locale!.ctype}`);
      Object.assign(
        figures,
        qualityFigures('trgm', await outcomesOf(handle, trigramSimilarity, idOfNumber), 0.3),
      );
    }
    return figures;
  } finally {
    await handle.close();
    await database.drop();
  }
};

/** Sizes of the histories measured for a new installation's first proposals, and samples of each. */
const fewSizes = [1, 2, 3, 5, 10, 20, 50, 100] as const;
const fewSamples = 40;

/**
 * The same quality with few proposals: for each size, random parts of the evaluation corpus imported
 * into the empty database and folded (in a transaction rolled back afterwards), every draft checked. A
 * draft duplicates something when one of its duplicates is in the part. False matches and recall@3 at
 * the threshold shown for that size (similarProposalThresholdAt) and, as before it, at 0.28.
 */
const measureFewProposals = async (backend: Backend, notes: string[]): Promise<Record<string, number>> => {
  const database = await createBenchDatabase(backend, 'simfew');
  const handle = await database.open();
  const { corpus, drafts } = loadSimilarEval();
  // A fixed pseudo-random sequence: the same parts on every run and back end.
  let state = 11;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const figures: Record<string, number> = {};
  const lines: string[] = [];
  let worst = 0;
  let worstFlat = 0;
  try {
    for (const size of fewSizes) {
      const outcomes: DraftOutcome[] = [];
      for (let sample = 0; sample < fewSamples; sample += 1) {
        const part = corpus
          .map((proposal) => ({ proposal, key: random() }))
          .sort((a, b) => a.key - b.key)
          .slice(0, size)
          .map(({ proposal }) => proposal);
        const inPart = new Set(part.map((proposal) => proposal.id));
        await handle.db
          .transaction(async (tx) => {
            const imported = await importProposalsCsv(tx, { actor: null, content: csvOf(part) });
            await foldProposalTermCounts(tx);
            const idOfNumber = new Map(imported.numbers.map((number, index) => [number, part[index]!.id]));
            for (const draft of drafts) {
              const top = await idfCosine(tx, `${draft.title} ${draft.body}`);
              outcomes.push({
                duplicates: draft.duplicates.filter((id) => inPart.has(id)),
                top: top.map((item) => ({
                  id: idOfNumber.get(item.number) ?? item.number,
                  score: item.score,
                })),
              });
            }
            tx.rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof Error && error.message === 'Rollback')) throw error;
          });
      }
      const threshold = similarProposalThresholdAt(size);
      const shown = qualityAt(outcomes, threshold);
      const flat = qualityAt(outcomes, similarProposalThreshold);
      worst = Math.max(worst, shown.falseMatchShare);
      worstFlat = Math.max(worstFlat, flat.falseMatchShare);
      if (size === 1 || size === 10 || size === 100)
        Object.assign(figures, {
          [`fewFalseMatchPct_${size}`]: round(shown.falseMatchShare * 100, 1),
          [`fewRecallAt3_${size}`]: round(shown.recallAt3, 3),
        });
      lines.push(
        `${size}: threshold ${round(threshold, 3)}, false matches ${round(shown.falseMatchShare * 100, 1)}% ` +
          `(at 0.28: ${round(flat.falseMatchShare * 100, 1)}%), recall@3 ${round(shown.recallAt3, 2)} ` +
          `(at 0.28: ${round(flat.recallAt3, 2)})`,
      );
    }
  } finally {
    await handle.close();
    await database.drop();
  }
  figures.fewFalseMatchPctMax = round(worst * 100, 1);
  figures.fewFalseMatchPctMaxAt028 = round(worstFlat * 100, 1);
  notes.push(
    `${backend}: with few proposals (${fewSamples} random parts of the evaluation corpus per size): ${lines.join('; ')}`,
  );
  return figures;
};

const seedCorpus = async (database: BenchDatabase, count: number): Promise<number> => {
  const started = performance.now();
  const handle = await database.open();
  try {
    if (database.backend === 'postgres') {
      // One session: the statements share temporary tables (the pool of the handle may switch).
      await handle.db.transaction(async (tx) => {
        for (const statement of similarCorpusStatements(count).filter((s) => s !== 'analyze'))
          await tx.execute(sql.raw(statement));
      });
      await handle.db.execute(sql`analyze`);
    } else {
      await handle.executeSql(similarCorpusStatements(count).join(';\n'));
    }
  } finally {
    await handle.close();
  }
  return (performance.now() - started) / 1000;
};

const sizeLabel = (count: number) => (count >= 1_000_000 ? `${count / 1_000_000}M` : `${count / 1000}k`);

export const runSimilar = async (context: BenchContext, backend: Backend): Promise<ScenarioResult> => {
  const notes: string[] = [];
  const quality = {
    ...(await measureQuality(backend, notes)),
    ...(await measureFewProposals(backend, notes)),
  };
  // BENCH_SIMILAR_SIZES=10000,100000 leaves out the 1M round (about 30 minutes of loading).
  const sizes = context.quick
    ? [10_000]
    : backend === 'postgres'
      ? (process.env.BENCH_SIMILAR_SIZES?.split(',').map(Number) ?? [10_000, 100_000, 1_000_000])
      : [10_000, 100_000];
  const { corpus, drafts } = loadSimilarEval();
  const texts = drafts.map((draft) => ({ title: draft.title, body: draft.body }));
  const rounds: Record<string, number>[] = Array.from({ length: context.rounds }, () => ({ ...quality }));
  for (const size of sizes) {
    const database = await createBenchDatabase(backend, `sim${sizeLabel(size).toLowerCase()}`);
    try {
      const seedSeconds = await seedCorpus(database, size);
      const handle = await database.open();
      try {
        const [stats] = await queryRows<{ proposals: number; terms: number }>(
          handle.db,
          sql`select (select count(*)::int from proposals) as proposals,
                     (select count(*)::int from proposal_term_counts) as terms`,
        );
        let shownDrafts = 0;
        for (const text of texts.slice(0, 50)) await findSimilarToDraft(handle.db, staff, text);
        for (let index = 0; index < context.rounds; index += 1) {
          const latencies: number[] = [];
          shownDrafts = 0;
          for (const text of texts) {
            const started = performance.now();
            const result = await findSimilarToDraft(handle.db, staff, text);
            latencies.push(performance.now() - started);
            if (result.shown.length + result.hiddenCount > 0) shownDrafts += 1;
          }
          const label = sizeLabel(size);
          Object.assign(rounds[index]!, {
            [`checkP50Ms_${label}`]: round(percentile(latencies, 50), 2),
            [`checkP95Ms_${label}`]: round(percentile(latencies, 95), 2),
            [`checkP99Ms_${label}`]: round(percentile(latencies, 99), 2),
          });
          context.log(
            `  ${backend} similar check at ${label}: p50 ${round(percentile(latencies, 50), 2)} ms, ` +
              `p95 ${round(percentile(latencies, 95), 2)} ms, p99 ${round(percentile(latencies, 99), 2)} ms`,
          );
        }
        // PGlite has no autovacuum: the worker's hourly pass (DatabaseHandle.maintain) after the load,
        // then a second pass as the following hours run it, and the check again once vacuumed (its
        // postings now read from their index alone).
        if (backend === 'pglite') {
          const label = sizeLabel(size);
          const timed = async () => {
            const started = performance.now();
            await handle.maintain();
            return performance.now() - started;
          };
          const firstMs = await timed();
          const nextMs = await timed();
          const latencies: number[] = [];
          for (const text of texts) {
            const started = performance.now();
            await findSimilarToDraft(handle.db, staff, text);
            latencies.push(performance.now() - started);
          }
          for (const figures of rounds)
            Object.assign(figures, {
              [`vacuumFirstPassMs_${label}`]: round(firstMs, 0),
              [`vacuumNextPassMs_${label}`]: round(nextMs, 0),
              [`checkP95AfterVacuumMs_${label}`]: round(percentile(latencies, 95), 2),
            });
          context.log(
            `  ${backend} ${label}: vacuum pass ${Math.round(firstMs)} ms after the load, then ` +
              `${Math.round(nextMs)} ms; the check's p95 once vacuumed ${round(percentile(latencies, 95), 2)} ms`,
          );
        }
        // The method used before, on a sample (it reads every proposal sharing a bigram).
        if (size <= 100_000 && !context.quick) {
          const latencies: number[] = [];
          for (const text of texts.filter((_, i) => i % 15 === 0)) {
            const started = performance.now();
            await sharedBigrams(handle.db, `${text.title} ${text.body}`.slice(0, 400));
            latencies.push(performance.now() - started);
          }
          for (const figures of rounds)
            figures[`previousCheckP95Ms_${sizeLabel(size)}`] = round(percentile(latencies, 95), 1);
        }
        notes.push(
          `${backend} ${sizeLabel(size)}: ${stats!.proposals} proposals (${stats!.terms} distinct bigrams counted) ` +
            `loaded in ${Math.round(seedSeconds)} s; ${shownDrafts} of ${texts.length} drafts shown a similar proposal`,
        );
      } finally {
        await handle.close();
      }
    } finally {
      await database.drop();
    }
  }
  notes.push(
    `${backend}: evaluation set of ${drafts.filter((d) => d.duplicates.length).length} duplicates and ` +
      `${drafts.filter((d) => !d.duplicates.length).length} drafts without one; threshold in use ${round(similarProposalThresholdAt(corpus.length), 3)} at its ${corpus.length} proposals (${similarProposalThreshold} at length)`,
  );
  return { rounds: { [backend]: rounds }, notes };
};
