import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults, BudgetOutcome } from './budgets';

/**
 * The generated part of docs/benchmarks.md: the run's machine, the budget table and every scenario's
 * medians, between two markers; the prose around them (method, findings, fixes) is written by hand.
 */
export const docPath = 'docs/benchmarks.md';
const startMarker = '<!-- bench:results:start -->';
const endMarker = '<!-- bench:results:end -->';

const format = (value: number | null | undefined, unit = ''): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value) >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100);
  return unit ? `${text} ${unit}` : text;
};

const budgetText = (budget: BudgetOutcome): string =>
  `${budget.kind === 'max' ? '≤' : budget.kind === 'min' ? '≥' : '='} ${format(budget.limit, budget.unit)}`;

/** The budget table; with `results`, figures carried from an earlier run name that run's commit. */
export const budgetTable = (outcomes: BudgetOutcome[], results?: BenchResults): string =>
  [
    '| budget | figure | limit | figure ÷ limit | |',
    '| --- | ---: | ---: | ---: | --- |',
    ...outcomes.map((outcome) => {
      const carried = results?.scenarios[outcome.scenario]?.carriedFrom;
      const verdict = outcome.value === null ? 'not measured' : outcome.pass ? 'met' : '**missed**';
      return `| ${outcome.label} (${outcome.backend}) | ${format(outcome.value, outcome.unit)} | ${budgetText(outcome)} | ${format(outcome.ratio)} | ${verdict}${
        carried && outcome.value !== null ? ` (run of commit ${carried.commit})` : ''
      } |`;
    }),
  ].join('\n');

export const resultsSection = (results: BenchResults): string => {
  const { meta } = results;
  const lines = [
    startMarker,
    `Run of ${meta.date.slice(0, 10)} (commit ${meta.commit}): ${meta.machine.cpu}, ${meta.machine.cores} cores, ` +
      `${meta.machine.memoryGb} GB; load average ${meta.machine.loadAverageAtStart} at start; Node ${meta.node}, ` +
      `PostgreSQL ${meta.postgres}, PGlite ${meta.pglite}. Medians of ${meta.rounds} rounds` +
      `${meta.quick ? ' (quick mode: short phases, not comparable)' : ''}; the whole run took ${Math.round(meta.durationSec / 60)} min.`,
    '',
    budgetTable(results.budgets ?? [], results),
    '',
  ];
  for (const [id, scenario] of Object.entries(results.scenarios)) {
    lines.push(`#### ${scenario.title} (\`${id}\`, ${scenario.seconds} s)`, '');
    const carried = scenario.carriedFrom;
    if (carried)
      lines.push(
        `Not measured in this run: the figures of the run of ${carried.date.slice(0, 10)} (commit ${carried.commit}; ` +
          `load average ${carried.machine.loadAverageAtStart} at start; medians of ${carried.rounds} rounds` +
          `${carried.quick ? ', quick mode' : ''}).`,
        '',
      );
    const backends = Object.keys(scenario.medians);
    const metrics = [...new Set(backends.flatMap((backend) => Object.keys(scenario.medians[backend]!)))];
    if (metrics.length > 0) {
      lines.push(
        `| figure (median) | ${backends.join(' | ')} |`,
        `| --- |${backends.map(() => ' ---: |').join('')}`,
      );
      for (const metric of metrics) {
        lines.push(
          `| ${metric} | ${backends.map((backend) => format(scenario.medians[backend]![metric])).join(' | ')} |`,
        );
      }
      lines.push('');
    }
    for (const note of scenario.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  lines.push(endMarker);
  return lines.join('\n');
};

/** Replaces the generated section of docs/benchmarks.md (appends it when the markers are missing). */
export const writeBenchmarksDoc = (results: BenchResults): void => {
  const section = resultsSection(results);
  const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + endMarker.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(docPath, next);
};
