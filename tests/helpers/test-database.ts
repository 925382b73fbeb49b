import { sql, type SQLWrapper } from 'drizzle-orm';
import {
  openDatabase,
  queryRows,
  type Database,
  type DatabaseHandle,
  type Executor,
} from '../../bot/src/data/database';
import { sqlStateOf } from '../../bot/src/data/errors';
import { insertMissingCategories } from '../../bot/src/data/repositories/master-data-repository';
import { initialProposalCategories } from '../../bot/src/services/seed/seed-base-data';
import { dropDatabase, withAdminClient } from './server-admin';

/**
 * One migrated database per test worker, shared by the worker's files (the integration project runs
 * with isolate: false) and emptied between tests with TRUNCATE. Embedded PGlite in memory by default;
 * with DATABASE_URL, a throwaway database `<name>_<run>_w<worker>` on that server (dropped by global-setup).
 */
let handle: Promise<DatabaseHandle> | undefined;

export const usesServer = (): boolean => Boolean(process.env.DATABASE_URL);

export const workerDatabaseUrl = (suffix = `w${process.env.VITEST_POOL_ID ?? '0'}`): string => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${url.pathname.slice(1)}_${process.env.TEST_DB_RUN ?? 'run'}_${suffix}`;
  return url.toString();
};

/** Creates (or re-creates) an empty database on the server and returns its URL. */
export const createServerDatabase = async (suffix: string): Promise<string> => {
  const target = workerDatabaseUrl(suffix);
  const name = new URL(target).pathname.slice(1);
  await dropDatabase(name);
  await withAdminClient((admin) =>
    admin.query(`create database "${name}" template template0 encoding 'UTF8'`),
  );
  return target;
};

/** A fresh, empty (unmigrated) database of the kind under test. Caller closes it. */
export const openFreshDatabase = async (suffix: string): Promise<DatabaseHandle> =>
  usesServer()
    ? openDatabase({ databaseUrl: await createServerDatabase(suffix), dataDir: '', poolSize: 4 })
    : openDatabase({ dataDir: 'memory://' });

export const getTestDatabase = (): Promise<DatabaseHandle> => {
  handle ??= (async () => {
    const database = await openFreshDatabase(`w${process.env.VITEST_POOL_ID ?? '0'}`);
    await database.migrate();
    return database;
  })();
  return handle;
};

const tables = [
  'app_install_attempts',
  'notification_deliveries',
  'proposal_history',
  'proposal_project_links',
  'proposal_co_proposers',
  'proposal_answer_drafts',
  'project_progress_updates',
  'proposals',
  'proposal_counters',
  'priority_projects',
  'stamps',
  'stamp_kinds',
  'proposal_categories',
  'conversation_references',
  'role_changes',
  'master_data_changes',
  'answer_templates',
  'department_mappings',
  'directory_sync_state',
  'users',
  'divisions',
];

/**
 * Empties every table (the append-only trigger does not apply to TRUNCATE), and pg-boss's jobs once a
 * test has installed it (its queues stay: they are configuration, re-applied on every start).
 */
export const resetDatabase = async (database: DatabaseHandle): Promise<void> => {
  // A running server's worker folds term counts at start and every 2 s; the truncate locks the tables
  // one by one, so it can deadlock with a fold under way (PostgreSQL then aborts one of the two): again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await database.db.execute(
        sql.raw(`truncate table ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`),
      );
      break;
    } catch (error) {
      if (sqlStateOf(error) !== '40P01' || attempt === 3) throw error;
    }
  }
  const [pgboss] = await queryRows<{ installed: boolean }>(
    database.db,
    sql`select to_regclass('pgboss.job') is not null as installed`,
  );
  if (pgboss?.installed) await database.db.execute(sql.raw('truncate table pgboss.job, pgboss.archive'));
  // The categories as the migration leaves them: every database has them, not only seeded ones.
  await insertMissingCategories(database.db, initialProposalCategories);
};

/**
 * One digest of every row of the tables, and of any further `select` expressions of text: equal
 * before and after a request when it wrote nothing there.
 */
export const rowsDigest = async (db: Database, tables: string[], more: string[] = []): Promise<string> => {
  const digests = [
    ...tables.map(
      (table) => `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t)`,
    ),
    ...more,
  ];
  const [row] = await queryRows<{ digest: string }>(
    db,
    sql.raw(`select concat_ws('/', ${digests.join(', ')}) as digest`),
  );
  return row!.digest;
};

/**
 * PostgreSQL's plan for a statement (EXPLAIN), one line per plan node: with `enable_seqscan = off`,
 * a plan without "Seq Scan" means an index serves the statement.
 */
export const queryPlan = async (db: Executor, query: SQLWrapper): Promise<string> =>
  (await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${query}`))
    .map((row) => row['QUERY PLAN'])
    .join('\n');
