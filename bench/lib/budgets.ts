/**
 * The budgets of docs/benchmarks.md (issue 6 and the load test of issue 7), judged against the medians
 * of a run by `npm run bench:check`. A budget whose figure the run did not measure (scenario not run)
 * is reported as not measured, which also fails the check: a green check means every budget was met.
 */
export interface BenchResults {
  meta: {
    date: string;
    commit: string;
    machine: { cpu: string; cores: number; memoryGb: number; loadAverageAtStart: number };
    node: string;
    postgres: string;
    pglite: string;
    rounds: number;
    quick: boolean;
    durationSec: number;
  };
  scenarios: Record<
    string,
    {
      title: string;
      seconds: number;
      medians: Record<string, Record<string, number>>;
      rounds: Record<string, Record<string, number>[]>;
      notes: string[];
      /** The run that measured it, when not this one (a partial run keeps the scenarios it skipped). */
      carriedFrom?: Pick<BenchResults['meta'], 'date' | 'commit' | 'machine' | 'rounds' | 'quick'>;
    }
  >;
  budgets?: BudgetOutcome[];
}

export interface Budget {
  id: string;
  label: string;
  scenario: string;
  backend: string;
  metric: string;
  /** `max`: the figure must be at most the limit; `min`: at least; `equal`: exactly. */
  kind: 'max' | 'min' | 'equal';
  limit: number;
  unit: string;
  /** Use the worst round instead of the median (zero-error and exactly-once budgets). */
  worstRound?: boolean;
}

export interface BudgetOutcome extends Budget {
  value: number | null;
  /** Figure ÷ limit (for `min`: how much of the required level is reached). */
  ratio: number | null;
  pass: boolean;
}

export const budgets: Budget[] = [
  {
    id: 's1-throughput',
    label: '1. Card submit: throughput vs SDK floor',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'submitToFloor',
    kind: 'min',
    limit: 0.7,
    unit: '× floor',
  },
  {
    id: 's1-p99',
    label: '1. Card submit: p99 at 100 req/s open loop',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'openLoopP99Ms',
    kind: 'max',
    limit: 100,
    unit: 'ms',
  },
  {
    id: 's1-errors',
    label: '1. Card submit: errors',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'submitErrors',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 's2-throughput',
    label: '2. Stamp send (3 recipients): throughput vs SDK floor',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'stampToFloor',
    kind: 'min',
    limit: 0.6,
    unit: '× floor',
  },
  {
    id: 's2-errors',
    label: '2. Stamp send: errors',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'stampErrors',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 's3-dashboard',
    label: '3. Dashboard payload of a fiscal year, p95 at 20 req/s',
    scenario: 'dashboard',
    backend: 'postgres',
    metric: 'dashboardP95Ms',
    kind: 'max',
    limit: 50,
    unit: 'ms',
  },
  {
    id: 's3-list',
    label: '3. List: status + division + 2-char search, page 50, p95',
    scenario: 'dashboard',
    backend: 'postgres',
    metric: 'listP95Ms',
    kind: 'max',
    limit: 100,
    unit: 'ms',
  },
  {
    id: 's3-errors',
    label: '3. Dashboard and list: errors',
    scenario: 'dashboard',
    backend: 'postgres',
    metric: 'dashboardErrors',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 's3-list-errors',
    label: '3. List: errors',
    scenario: 'dashboard',
    backend: 'postgres',
    metric: 'listErrors',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 'q-list',
    label: 'Work queues: first page of each queue, p95 at 10 req/s',
    scenario: 'queues',
    backend: 'postgres',
    metric: 'queueListP95Ms',
    kind: 'max',
    limit: 100,
    unit: 'ms',
  },
  {
    id: 'q-counts',
    label: 'Work queues: the four counts, p95 at 5 req/s',
    scenario: 'queues',
    backend: 'postgres',
    metric: 'queueCountsP95Ms',
    kind: 'max',
    limit: 100,
    unit: 'ms',
  },
  {
    id: 'q-errors',
    label: 'Work queues: errors',
    scenario: 'queues',
    backend: 'postgres',
    metric: 'queueErrors',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 'q-exact',
    label: 'Work queues: counts differing from the list totals',
    scenario: 'queues',
    backend: 'postgres',
    metric: 'queueCountMismatches',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 's4-rate',
    label: '4. Notifications: sustained rate vs allowed',
    scenario: 'notifications',
    backend: 'postgres',
    metric: 'rateToAllowed',
    kind: 'min',
    limit: 0.9,
    unit: '× allowed',
  },
  {
    id: 's4-429',
    label: '4. Notifications: sends answered 429',
    scenario: 'notifications',
    backend: 'postgres',
    metric: 'share429Pct',
    kind: 'max',
    limit: 1,
    unit: '%',
    worstRound: true,
  },
  {
    id: 's4-once',
    label: '4. Notifications: not delivered exactly once',
    scenario: 'notifications',
    backend: 'postgres',
    metric: 'notExactlyOnce',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 's5-rss',
    label: '5. Server RSS after scenario 1',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'rssAfterSubmitMb',
    kind: 'max',
    limit: 250,
    unit: 'MB',
  },
  {
    id: 's5-growth',
    label: '5. RSS growth over a second identical run',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'rssGrowthPct',
    kind: 'max',
    limit: 10,
    unit: '%',
    worstRound: true,
  },
  {
    id: 's6-bundle',
    label: '6. Tab initial JavaScript (gzip)',
    scenario: 'tab',
    backend: 'postgres',
    metric: 'initialJsGzipKb',
    kind: 'max',
    limit: 200,
    unit: 'KB',
  },
  {
    id: 's6-fcp',
    label: '6. Dashboard first contentful paint',
    scenario: 'tab',
    backend: 'postgres',
    metric: 'fcpMs',
    kind: 'max',
    limit: 1500,
    unit: 'ms',
  },
  {
    id: 's6-data',
    label: '6. Dashboard data shown',
    scenario: 'tab',
    backend: 'postgres',
    metric: 'dataShownMs',
    kind: 'max',
    limit: 1500,
    unit: 'ms',
  },
  {
    id: 's7-existing',
    label: '7. npm start, existing embedded database → /readyz',
    scenario: 'cold-start',
    backend: 'pglite',
    metric: 'existingReadyMs',
    kind: 'max',
    limit: 5000,
    unit: 'ms',
  },
  {
    id: 's7-fresh',
    label: '7. npm start, fresh folder (migrations + seed) → /readyz',
    scenario: 'cold-start',
    backend: 'pglite',
    metric: 'freshReadyMs',
    kind: 'max',
    limit: 15000,
    unit: 'ms',
  },
  {
    id: 'load-errors',
    label: 'Load (issue 7): errors',
    scenario: 'load',
    backend: 'postgres',
    metric: 'errors',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 'load-lost',
    label: 'Load: acknowledged records missing from the database',
    scenario: 'load',
    backend: 'postgres',
    metric: 'lost',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 'load-duplicated',
    label: 'Load: records stored twice',
    scenario: 'load',
    backend: 'postgres',
    metric: 'duplicated',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
  {
    id: 'load-rss',
    label: 'Load: RSS growth over the run',
    scenario: 'load',
    backend: 'postgres',
    metric: 'rssGrowthPct',
    kind: 'max',
    limit: 20,
    unit: '%',
    worstRound: true,
  },
  // Issue 16: similar proposals at scale, measured, and submissions on a database with history.
  ...(['postgres', 'pglite'] as const).map((backend): Budget => ({
    id: `s16-check-100k-${backend}`,
    label: '16. Similar check p95 at 100,000 proposals',
    scenario: 'similar',
    backend,
    metric: 'checkP95Ms_100k',
    kind: 'max',
    limit: 50,
    unit: 'ms',
  })),
  {
    id: 's16-check-1m',
    label: '16. Similar check p95 at 1,000,000 proposals (sub-linear)',
    scenario: 'similar',
    backend: 'postgres',
    metric: 'checkP95Ms_1M',
    kind: 'max',
    limit: 50,
    unit: 'ms',
  },
  {
    id: 's16-recall',
    label: '16. Similar check: duplicates shown in the top 3 (recall@3)',
    scenario: 'similar',
    backend: 'postgres',
    metric: 'idfRecallAt3',
    kind: 'min',
    limit: 0.9,
    unit: '',
  },
  {
    id: 's16-false-matches',
    label: '16. Similar check: drafts without a duplicate shown a match',
    scenario: 'similar',
    backend: 'postgres',
    metric: 'idfFalseMatchPct',
    kind: 'max',
    limit: 5,
    unit: '%',
  },
  ...(['postgres', 'pglite'] as const).map((backend): Budget => ({
    id: `s16-false-matches-few-${backend}`,
    label: '16. Similar check: drafts without a duplicate shown a match, at 1 to 100 proposals (worst size)',
    scenario: 'similar',
    backend,
    metric: 'fewFalseMatchPctMax',
    kind: 'max',
    limit: 5,
    unit: '%',
  })),
  {
    id: 's16-submit-history-vs-empty',
    label:
      '16. Submit with history (BENCH_HISTORY_PROPOSALS, default 100,000) vs an empty database (throughput)',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'historyToEmptySubmit',
    kind: 'min',
    limit: 0.9,
    unit: '× empty',
  },
  {
    id: 's16-submit-database-floor',
    label: '16. Submit with history vs PostgreSQL alone, same statements',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'historySubmitToDatabaseFloor',
    kind: 'min',
    limit: 0.8,
    unit: '× pgbench',
  },
  {
    id: 's16-submit-sdk-floor',
    label: '16. Submit with history vs SDK floor (no token validation on either side, as the issue sets it)',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'historySubmitUnvalidatedToFloor',
    kind: 'min',
    limit: 0.12,
    unit: '× floor',
  },
  {
    id: 's16-submit-errors',
    label: '16. Submit with history: errors',
    scenario: 'bot',
    backend: 'postgres',
    metric: 'historySubmitErrors',
    kind: 'equal',
    limit: 0,
    unit: '',
    worstRound: true,
  },
];

const figureOf = (results: BenchResults, budget: Budget): number | null => {
  const scenario = results.scenarios[budget.scenario];
  if (!scenario) return null;
  if (budget.worstRound) {
    const values = (scenario.rounds[budget.backend] ?? [])
      .map((round) => round[budget.metric])
      .filter((value): value is number => typeof value === 'number');
    if (values.length === 0) return null;
    return budget.kind === 'min' ? Math.min(...values) : Math.max(...values.map((v) => Math.abs(v)));
  }
  const value = scenario.medians[budget.backend]?.[budget.metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

export const evaluateBudgets = (results: BenchResults): BudgetOutcome[] =>
  budgets.map((budget) => {
    const value = figureOf(results, budget);
    if (value === null) return { ...budget, value, ratio: null, pass: false };
    const pass =
      budget.kind === 'max'
        ? value <= budget.limit
        : budget.kind === 'min'
          ? value >= budget.limit
          : value === budget.limit;
    const ratio = budget.limit === 0 ? null : Math.round((value / budget.limit) * 100) / 100;
    return { ...budget, value, ratio, pass };
  });
