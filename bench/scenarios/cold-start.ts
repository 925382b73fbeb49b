import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, ScenarioResult } from '../lib/context';
import type { Backend } from '../lib/databases';
import { startProcess } from '../lib/processes';
import { round } from '../lib/stats';

/**
 * Scenario 7: `npm start` on the embedded database until /readyz answers 200 — on a fresh folder
 * (PGlite initialised, every migration applied, base data loaded) and again on the folder it left
 * (PGlite reopened, nothing to migrate). The tab is built beforehand (what `prestart` would otherwise
 * do on a stale build is a build, not a start).
 */
export const runColdStart = async (context: BenchContext, _backend: Backend): Promise<ScenarioResult> => {
  execFileSync(process.execPath, ['scripts/ensure-tab-build.mjs'], { stdio: 'ignore' });
  const rounds: Record<string, number>[] = [];
  for (let index = 0; index < context.rounds; index += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
    try {
      const start = async (label: string) => {
        const { server, readyMs } = await startProcess({
          command: 'npm',
          args: ['start', '--silent'],
          env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
          logFile: join(context.logsDir, `cold-start-${label}.log`),
          readyTimeoutMs: 60_000,
        });
        await server.stop();
        return readyMs;
      };
      const freshReadyMs = await start('fresh');
      const existingReadyMs = await start('existing');
      rounds.push({ freshReadyMs: round(freshReadyMs, 0), existingReadyMs: round(existingReadyMs, 0) });
      context.log(
        `  round ${index + 1}: fresh folder ready in ${round(freshReadyMs, 0)} ms, existing in ${round(existingReadyMs, 0)} ms`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { rounds: { pglite: rounds }, notes: [] };
};
