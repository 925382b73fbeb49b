import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, withAdminClient } from './server-admin';

/**
 * Names this run (workers inherit the variable), so two test runs against one server never share a
 * database; afterwards drops the per-worker databases this run created there.
 */
export default function setup() {
  process.env.TEST_DB_RUN ??= randomBytes(3).toString('hex');
  return async function teardown() {
    // The fault tests' PGlite template folders (tests/helpers/fault-storage.ts).
    const templates = `proposals-template-${process.env.TEST_DB_RUN}-`;
    for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(templates)))
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    if (!process.env.DATABASE_URL) return;
    const base = `${new URL(process.env.DATABASE_URL).pathname.slice(1)}_${process.env.TEST_DB_RUN}`;
    const { rows } = await withAdminClient((admin) =>
      admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
        `${base.replace(/[_%]/g, '\\$&')}\\_%`,
      ]),
    );
    for (const { datname } of rows) await dropDatabase(datname);
  };
}
