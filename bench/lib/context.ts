import type { BotFrameworkStub } from '../../tests/helpers/bot-framework-stub';
import type { Backend } from './databases';

/** What every scenario gets from the runner. */
export interface BenchContext {
  /** Folder of this run's logs and profiles (bench/results/logs). */
  logsDir: string;
  rounds: number;
  /** Shorter phases, to check the harness (figures not comparable with a full run). */
  quick: boolean;
  backends: Backend[];
  /** `node --cpu-prof` for the product's server processes (profiles in logsDir). */
  profile: boolean;
  /** The local Bot Framework: OpenID metadata, keys and the Bot Connector the bot replies to. */
  stub: BotFrameworkStub;
  log(message: string): void;
}

/** One scenario's outcome: per backend, the figures of each round (the runner takes medians). */
export interface ScenarioResult {
  /** `postgres` / `pglite` / `none` (not database-bound) → rounds of named figures. */
  rounds: Partial<Record<Backend | 'none', Record<string, number>[]>>;
  /** Facts worth keeping next to the figures (data sizes, settings, anomalies). */
  notes: string[];
}
