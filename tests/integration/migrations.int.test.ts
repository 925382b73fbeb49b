import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../bot/src/data/database';
import { getProposalHistory } from '../../bot/src/services/proposals/proposal-reads';
import { createServerDatabase, openFreshDatabase, usesServer } from '../helpers/test-database';

const expectedTables = [
  'answer_templates',
  'app_install_attempts',
  'comment_moderation_log',
  'comment_reports',
  'conversation_references',
  'department_mappings',
  'directory_sync_state',
  'divisions',
  'follower_updates',
  'master_data_changes',
  'notification_deliveries',
  'priority_projects',
  'project_progress_updates',
  'proposal_adoptions',
  'proposal_answer_drafts',
  'proposal_categories',
  'proposal_co_proposers',
  'proposal_comments',
  'proposal_counters',
  'proposal_counts_by_division',
  'proposal_counts_by_month',
  'proposal_follows',
  'proposal_history',
  'proposal_project_links',
  'proposal_realisation_counts',
  'proposal_search_norms',
  'proposal_supports',
  'proposal_term_counts',
  'proposal_term_deltas',
  'proposal_term_postings',
  'proposals',
  'role_changes',
  'stamp_counts_by_month',
  'stamp_kinds',
  'stamp_senders_by_year',
  'stamps',
  'users',
];

const migrationsUrl = new URL('../../bot/src/data/migrations/', import.meta.url);

/**
 * A copy of the migrations folder whose journal stops before the migration tagged `tag` (found by
 * name, so it survives the renumbering at merges): the schema as it was before that migration.
 */
const migrationsBefore = (tag: string): { folder: string; remove(): void } => {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-before-'));
  cpSync(migrationsUrl, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith(tag));
  expect(index, `a migration tagged …${tag}`).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
};

const journalEntries = (): number =>
  (
    JSON.parse(
      readFileSync(new URL('../../bot/src/data/migrations/meta/_journal.json', import.meta.url), 'utf8'),
    ) as { entries: unknown[] }
  ).entries.length;

/** The statements of the custom migration that moved the categories into their table (any number). */
const categoryMigrationStatements = (): string[] => {
  const dir = new URL('../../bot/src/data/migrations/', import.meta.url);
  const file = readdirSync(dir).find((name) => name.endsWith('_initial_proposal_categories.sql'))!;
  return readFileSync(new URL(file, dir), 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter(Boolean);
};

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
      // The categories that were a list in the code are rows the office manages (migration 0017).
      const categories = await queryRows<{ code: string; label: string; is_active: boolean }>(
        database.db,
        sql`select code, label, is_active from proposal_categories order by sort_order`,
      );
      expect(categories.map((row) => row.code)).toEqual([
        'paperless',
        'digital',
        'efficiency',
        'workstyle',
        'workplace',
        'service',
        'organization',
        'other',
      ]);
      expect(categories.every((row) => row.is_active && row.label.length > 0)).toBe(true);

      // The data move stands alone and may run again: a code already on a proposal but not in the
      // list gets a (retired) row, so every stored proposal keeps a category; nothing else changes.
      await database.db.execute(
        sql`insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_name)
            values (2024, 1, 'R6-0001', '件名', '本文', 'legacy', '提案者')`,
      );
      await database.db.execute(
        sql`update proposal_categories set label = '紙の削減' where code = 'paperless'`,
      );
      for (let run = 0; run < 2; run += 1) {
        for (const statement of categoryMigrationStatements()) await database.db.execute(sql.raw(statement));
      }
      const after = await queryRows<{ code: string; label: string; is_active: boolean }>(
        database.db,
        sql`select code, label, is_active from proposal_categories where code in ('legacy', 'paperless') order by code`,
      );
      expect(after).toEqual([
        { code: 'legacy', label: 'legacy', is_active: false },
        { code: 'paperless', label: '紙の削減', is_active: true },
      ]);
    } finally {
      await database.close();
    }
  });

  it("make the history's earlier comments internal notes: the proposer no longer sees them", async () => {
    const database = await openFreshDatabase('migrations_notes');
    const before = migrationsBefore('history_comment_visibility');
    try {
      await database.migrate(before.folder);
      const [proposer] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into users (aad_object_id, display_name) values ('a0000000-0000-4000-8000-000000000101', '山口 太郎') returning id`,
      );
      const [office] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into users (aad_object_id, display_name, roles) values ('a0000000-0000-4000-8000-000000000102', '萩原 健一', '{office}') returning id`,
      );
      const [proposal] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_id, proposer_name, is_published)
            values (2024, 1, 'R6-0001', '押印の廃止', '押印をやめたい。', 'efficiency', ${proposer!.id}, '山口 太郎', false) returning id`,
      );
      await database.db.execute(
        sql`insert into proposal_history (proposal_id, actor_id, action, changes, comment)
            values (${proposal!.id}, ${office!.id}, 'status_changed', '{"status":{"from":"received","to":"under_consideration"}}', '内部メモ: 法務に確認中')`,
      );

      await database.migrate();

      const asProposer = await getProposalHistory(
        database.db,
        { userId: proposer!.id, roles: [] },
        proposal!.id,
      );
      expect(asProposer).toMatchObject([
        { action: 'status_changed', comment: null, actorName: null, actorHidden: true, signed: false },
      ]);
      const asOffice = await getProposalHistory(
        database.db,
        { userId: office!.id, roles: ['office'] },
        proposal!.id,
      );
      expect(asOffice).toMatchObject([
        {
          comment: '内部メモ: 法務に確認中',
          commentInternal: true,
          actorName: '萩原 健一',
          actorHidden: false,
        },
      ]);
      // The rows were not rewritten (the history stays append-only): the column's default did it.
      await expect(
        database.db.execute(sql`update proposal_history set comment_public = true`),
      ).rejects.toThrow();
    } finally {
      before.remove();
      await database.close();
    }
  });

  it('make existing co-proposers followers, and later ones through the trigger', async () => {
    const database = await openFreshDatabase('migrations_follows');
    const before = migrationsBefore('engagement');
    try {
      await database.migrate(before.folder);
      const [proposer, coProposer, later] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into users (aad_object_id, display_name) values
              ('a0000000-0000-4000-8000-000000000201', '山口 太郎'),
              ('a0000000-0000-4000-8000-000000000202', '周南 花子'),
              ('a0000000-0000-4000-8000-000000000203', '下関 次郎') returning id`,
      );
      const [proposal] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_id, proposer_name, is_published)
            values (2024, 1, 'R6-0001', '押印の廃止', '押印をやめたい。', 'efficiency', ${proposer!.id}, '山口 太郎', true) returning id`,
      );
      await database.db.execute(
        sql`insert into proposal_co_proposers (proposal_id, user_id) values (${proposal!.id}, ${coProposer!.id})`,
      );

      await database.migrate();

      const follows = () =>
        queryRows<{ user_id: string; source: string }>(
          database.db,
          sql`select user_id, source from proposal_follows order by created_at, user_id`,
        );
      expect(await follows()).toEqual([{ user_id: coProposer!.id, source: 'co_proposer' }]);
      await database.db.execute(
        sql`insert into proposal_co_proposers (proposal_id, user_id) values (${proposal!.id}, ${later!.id})`,
      );
      expect(await follows()).toContainEqual({ user_id: later!.id, source: 'co_proposer' });
      const [row] = await queryRows<{ support_count: number; notification_preference: string }>(
        database.db,
        sql`select p.support_count, u.notification_preference from proposals p join users u on u.id = p.proposer_id`,
      );
      expect(row).toEqual({ support_count: 0, notification_preference: 'daily' });
    } finally {
      before.remove();
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
