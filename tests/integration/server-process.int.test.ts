import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../bot/src/data/database';
import { freePort } from '../helpers/ports';
import { waitForReady } from '../helpers/server-process';
import { createServerDatabase, usesServer } from '../helpers/test-database';

describe('npm start (the server process)', () => {
  it('migrates, seeds, serves, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'proposals-start-'));
    const databaseUrl = usesServer() ? await createServerDatabase('process') : undefined;
    const port = await freePort();
    // What `npm start` runs: prestart compiles the server into dist/server, then plain node runs it.
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
    const child = spawn(process.execPath, ['dist/server/main.mjs'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? '',
        LOG_LEVEL: 'info',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      await waitForReady(`http://127.0.0.1:${port}/readyz`, 40_000);

      if (!databaseUrl) {
        // The running server holds the embedded database: a second process must be refused.
        await expect(openDatabase({ dataDir })).rejects.toThrow(new RegExp(`in use by process ${child.pid}`));
      }

      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code, output).toBe(0);
      expect(output).toContain('shutting down');
      // An operator's log: one line per request when it is answered, and no deprecation notice at start.
      expect(output).toMatch(/"path":"\/readyz".*"msg":"request completed"/);
      expect(output).not.toContain('incoming request');
      expect(output).not.toMatch(/Deprecation|FSTDEP/);

      const database = await openDatabase({ dataDir, databaseUrl });
      try {
        const [row] = await queryRows<{ projects: number; kinds: number }>(
          database.db,
          sql`select (select count(*)::int from priority_projects where fiscal_year = 2024) as projects,
                     (select count(*)::int from stamp_kinds) as kinds`,
        );
        expect(row).toEqual({ projects: 5, kinds: 5 });
      } finally {
        await database.close();
      }
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
