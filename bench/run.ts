import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBotFrameworkStub } from '../tests/helpers/bot-framework-stub';
import { evaluateBudgets, type BenchResults } from './lib/budgets';
import type { BenchContext, ScenarioResult } from './lib/context';
import { dropAll, serverVersion, type Backend } from './lib/databases';
import { stopAll } from './lib/processes';
import { writeBenchmarksDoc } from './lib/report';
import { medianOfRounds } from './lib/stats';
import { runBotPath } from './scenarios/bot-path';
import { runColdStart } from './scenarios/cold-start';
import { runDashboard } from './scenarios/dashboard';
import { runLoad } from './scenarios/load';
import { runNotifications } from './scenarios/notifications';
import { runQueues } from './scenarios/queues';
import { runSimilar } from './scenarios/similar';
import { runTab } from './scenarios/tab';

/**
 * `npm run bench`: every scenario of docs/benchmarks.md on loopback, side by side, each repeated
 * `--rounds` times (default 3; the report shows medians). Writes bench/results/latest.json and the
 * results section of docs/benchmarks.md. Budgets are judged by `npm run bench:check`, not here.
 *
 *   npm run bench -- [--rounds 3] [--only bot,dashboard,queues,notifications,cold-start,tab,load,similar]
 *                    [--backends postgres,pglite] [--quick] [--profile] [--no-doc]
 */
const scenarios = {
  bot: { title: 'Bot path (scenarios 1, 2, 5)', perBackend: true, run: runBotPath },
  dashboard: { title: 'Dashboard and list API (scenario 3)', perBackend: true, run: runDashboard },
  queues: { title: 'Work queues: pages and counts (issue 13)', perBackend: true, run: runQueues },
  notifications: { title: 'Notification delivery (scenario 4)', perBackend: false, run: runNotifications },
  'cold-start': { title: 'Cold start (scenario 7)', perBackend: false, run: runColdStart },
  load: { title: 'Load: 50 writers + 20 readers (issue 7)', perBackend: false, run: runLoad },
  tab: { title: 'Tab bundle and dashboard in Chromium (scenario 6)', perBackend: false, run: runTab },
  similar: {
    title: 'Similar-proposal check: quality and latency (issue 16)',
    perBackend: true,
    run: runSimilar,
  },
} satisfies Record<
  string,
  {
    title: string;
    perBackend: boolean;
    run: (context: BenchContext, backend: Backend) => Promise<ScenarioResult>;
  }
>;
type ScenarioId = keyof typeof scenarios;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    backends: { type: 'string', default: 'postgres,pglite' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
});

/**
 * A run of some scenarios (`--only`) keeps the others' last figures from the committed results, each
 * marked with the run that measured it, so the budget table stays whole when a long scenario is
 * measured again on its own. `--fresh` starts from nothing.
 */
const carryOver = (results: BenchResults, previousPath: string): void => {
  if (!existsSync(previousPath)) return;
  const previous = JSON.parse(readFileSync(previousPath, 'utf8')) as BenchResults;
  for (const [id, scenario] of Object.entries(previous.scenarios)) {
    if (id in results.scenarios || !(id in scenarios)) continue;
    const { date, commit, machine, rounds, quick } = previous.meta;
    results.scenarios[id] = {
      ...scenario,
      carriedFrom: scenario.carriedFrom ?? { date, commit, machine, rounds, quick },
    };
  }
};

const main = async () => {
  const started = Date.now();
  const selected = (values.only?.split(',') ?? Object.keys(scenarios)) as ScenarioId[];
  for (const id of selected) if (!(id in scenarios)) throw new Error(`Unknown scenario ${id}`);
  const backends = values.backends!.split(',') as Backend[];
  const resultsDir = join(process.cwd(), 'bench', 'results');
  const logsDir = join(resultsDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const stub = await startBotFrameworkStub();
  const context: BenchContext = {
    logsDir,
    rounds: Number(values.rounds),
    quick: values.quick!,
    backends,
    profile: values.profile!,
    stub,
    log: (message) => console.log(message),
  };

  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      commit: execSync('git rev-parse --short HEAD').toString().trim(),
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGb: Math.round(totalmem() / 1024 ** 3),
        loadAverageAtStart: Number(execSync('cut -d" " -f1 /proc/loadavg').toString()),
      },
      node: process.version,
      postgres: await serverVersion(),
      pglite: (
        JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as {
          version: string;
        }
      ).version,
      rounds: context.rounds,
      quick: context.quick,
      durationSec: 0,
    },
    scenarios: {},
  };

  try {
    for (const id of selected) {
      const scenario = scenarios[id];
      const scenarioStarted = Date.now();
      console.log(`▶ ${scenario.title}`);
      const merged: ScenarioResult = { rounds: {}, notes: [] };
      for (const backend of scenario.perBackend ? backends : (['postgres'] as Backend[])) {
        const result = await scenario.run(context, backend);
        Object.assign(merged.rounds, result.rounds);
        merged.notes.push(...result.notes);
      }
      results.scenarios[id] = {
        title: scenario.title,
        seconds: Math.round((Date.now() - scenarioStarted) / 1000),
        medians: Object.fromEntries(
          Object.entries(merged.rounds).map(([backend, rounds]) => [backend, medianOfRounds(rounds)]),
        ),
        rounds: merged.rounds,
        notes: merged.notes,
      };
      for (const note of merged.notes) console.log(`  · ${note}`);
      console.log(`  (${results.scenarios[id]!.seconds} s)`);
    }
  } finally {
    await stopAll();
    await dropAll();
    await stub.close();
  }

  results.meta.durationSec = Math.round((Date.now() - started) / 1000);
  if (values.only && !values.fresh) carryOver(results, join(resultsDir, 'latest.json'));
  results.budgets = evaluateBudgets(results);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (!values['no-doc']) writeBenchmarksDoc(results);
  console.log(
    `\nbench/results/latest.json written (${results.meta.durationSec} s). Budgets: npm run bench:check`,
  );
};

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  await dropAll();
  process.exit(1);
});
