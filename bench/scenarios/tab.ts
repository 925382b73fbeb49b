import type { BenchContext, ScenarioResult } from '../lib/context';
import type { Backend } from '../lib/databases';

export const runTab = async (_context: BenchContext, _backend: Backend): Promise<ScenarioResult> => ({
  rounds: {},
  notes: ['not implemented yet'],
});
