import { readFileSync } from 'node:fs';
import { evaluateBudgets, type BenchResults } from './lib/budgets';
import { budgetTable } from './lib/report';

/**
 * `npm run bench:check`: judges bench/results/latest.json against the budgets (bench/lib/budgets.ts)
 * and exits 1 when any is missed or was not measured. Re-evaluated here, so a changed budget applies
 * to the last run without running it again.
 */
const path = process.argv[2] ?? 'bench/results/latest.json';
let results: BenchResults;
try {
  results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
} catch {
  console.error(`${path} not found: run \`npm run bench\` first.`);
  process.exit(2);
}
const outcomes = evaluateBudgets(results);
console.log(
  `${path}: run of ${results.meta.date} (commit ${results.meta.commit}, ${results.meta.rounds} rounds)\n`,
);
console.log(budgetTable(outcomes));
const failed = outcomes.filter((outcome) => !outcome.pass);
if (results.meta.quick)
  console.log('\nNote: a --quick run; its figures are not comparable with the budgets.');
console.log(
  failed.length === 0
    ? `\nAll ${outcomes.length} budgets met.`
    : `\n${failed.length} of ${outcomes.length} budgets missed or not measured: ${failed.map((o) => o.id).join(', ')}`,
);
process.exit(failed.length === 0 ? 0 : 1);
