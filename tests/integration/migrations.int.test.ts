import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../bot/src/data/database';
import { createServerDatabase, openFreshDatabase, usesServer } from '../helpers/test-database';

const expectedTables = [
  'app_install_attempts',
  'conversation_references',
  'department_mappings',
  'directory_sync_state',
  'divisions',
  'master_data_changes',
  'notification_deliveries',
  'priority_projects',
  'project_progress_updates',
  'proposal_co_proposers',
  'proposal_counters',
  'proposal_counts_by_division',
  'proposal_counts_by_month',
  'proposal_history',
  'proposal_project_links',
  'proposal_realisation_counts',
  'proposal_term_counts',
  'proposals',
  'role_changes',
  'stamp_counts_by_month',
  'stamp_kinds',
  'stamp_senders_by_year',
  'stamps',
  'users',
];

const journalEntries = (): number =>
  (
    JSON.parse(
      readFileSync(new URL('../../bot/src/data/migrations/meta/_journal.json', import.meta.url), 'utf8'),
    ) as { entries: unknown[] }
  ).entries.length;

describe('migrations', () => {
  it('build the schema from an empty database, once, and readiness follows them', async () => {
    const database = await openFreshDatabase('migrations');
    try {
      await expect(database.checkReady()).rejects.toThrow();
      await database.migrate();
      await database.checkReady();
      await database.migrate();
      const tables = await queryRows<{ table_name: string }>(
        database.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.map((row) => row.table_name)).toEqual(expectedTables);
      const [applied] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied!.n).toBe(journalEntries());
    } finally {
      await database.close();
    }
  });

  it.skipIf(!usesServer())(
    'are applied once when several instances start together on a new database',
    async () => {
      const url = await createServerDatabase('migrate_race');
      const instances = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 })),
      );
      try {
        await Promise.all(instances.map((instance) => instance.migrate()));
        for (const instance of instances) await instance.checkReady();
        const [row] = await queryRows<{ n: number }>(
          instances[0]!.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        expect(row?.n).toBe(journalEntries());
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
      }
    },
  );

  it.skipIf(usesServer())(
    'keep the embedded database in its folder across restarts and lock it to one process',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'proposals-data-'));
      try {
        const first = await openDatabase({ dataDir });
        await first.migrate();
        await first.db.execute(sql`insert into divisions (code, name) values ('jinji', '人事課')`);
        await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
        await first.close();

        const second = await openDatabase({ dataDir });
        try {
          await second.checkReady();
          const rows = await queryRows<{ name: string }>(second.db, sql`select name from divisions`);
          expect(rows).toEqual([{ name: '人事課' }]);
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
