import { readFileSync } from 'node:fs';
import { fromProjectRoot } from '../project-paths';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { PgDialect, PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock';
import * as schema from './schema/index';
import type { SqlExecutor, SqlResult } from './sql-executor';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** What repositories run on: the database itself or a transaction a service opened. */
export type Executor = Database | Transaction;

export interface DatabaseHandle extends SqlExecutor {
  db: Database;
  kind: 'pglite' | 'postgres';
  /**
   * Applies pending migrations (generated SQL under ./migrations), the same way on both back ends.
   * `folder` is for tests that stop at an older schema (a copy with a shortened journal).
   */
  migrate(folder?: string): Promise<void>;
  /** Throws unless the database answers and every migration is applied. */
  checkReady(): Promise<void>;
  /**
   * Runs a schema-changing start-up task (the job queue installing its tables) while holding the
   * lock the migrations take, so instances starting together take turns and the later ones find the
   * work done. (pg-boss's own lock is not enough: an instance that waited on it still sees the
   * catalog as it was and fails on the schema the first one created.)
   */
  exclusively<T>(task: () => Promise<T>): Promise<T>;
  /**
   * What autovacuum does on a server: dead rows reclaimed, the visibility map kept (the similar
   * check's postings are read from their index alone only on all-visible pages) and the planner's
   * statistics refreshed. The embedded database has no autovacuum, so the worker calls this now and
   * then; on a server it does nothing.
   */
  maintain(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a server; absent for the embedded database. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
  /** Called with connection errors of idle clients (a server restart), which must not crash the process. */
  onPoolError?: (error: Error) => void;
}

/** Arbitrary but fixed: the advisory lock that serialises migrations across instances. */
const migrationLockKey = 7_201_906_001;

const migrationsFolder = fromProjectRoot('bot', 'src', 'data', 'migrations');
const migrationCount = (
  JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] }
).entries.length;

/**
 * Runs `work` in the caller's transaction when given one (no savepoint: a failure rolls the caller
 * back anyway), else in a transaction of its own. Saves two round trips per call inside a transaction.
 */
export const withinTransaction = <T>(
  executor: Executor,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> =>
  executor instanceof PgTransaction ? work(executor as Transaction) : executor.transaction(work);

/** Raw SQL rows; both drivers answer `execute` with an object holding `rows`. */
export const queryRows = async <T>(db: Executor, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/**
 * A Drizzle query built once per executor and then run with its values (`sql.placeholder`): building a
 * select and its result mapping cost this process 0.14-0.28 ms per call where the round trip costs
 * 0.08 ms (measured on the contact read every turn runs). A transaction builds its own (it runs on its
 * own connection); the database's is kept for the life of the process.
 */
export const builtPerExecutor = <T>(build: (db: Executor) => T): ((db: Executor) => T) => {
  const built = new WeakMap<Executor, T>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
};

/** Both back ends are opened with it: schema columns in camelCase are snake_case in the database. */
const casing = 'snake_case';
const dialect = new PgDialect({ casing });

/**
 * queryRows for a statement most turns send, under a name: each server connection parses and plans it
 * once, where an unnamed statement is planned on every call (for the similar check, 0.3-0.4 ms of
 * PostgreSQL's time per 提出する; measured in docs/benchmarks.md). Its text must be the same on every call
 * (values are parameters): node-postgres refuses a name given to another text. PGlite ignores the name.
 */
export const queryNamedRows = async <T>(db: Executor, name: string, query: SQL): Promise<T[]> =>
  (
    (await db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()) as {
      rows: T[];
    }
  ).rows;

const countAppliedMigrations = async (db: Database): Promise<number> => {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return Number(row?.count ?? 0);
};

/** The last statement's result of a (possibly multi-statement) simple query. */
const lastResult = (result: unknown): SqlResult => {
  const last = (Array.isArray(result) ? result.at(-1) : result) as Partial<SqlResult> | undefined;
  return { rows: last?.rows ?? [] };
};

const checkReadyWith = (db: Database) => async (): Promise<void> => {
  const applied = await countAppliedMigrations(db);
  if (applied < migrationCount) {
    throw new Error(`Database schema is behind: ${applied} of ${migrationCount} migrations applied`);
  }
};

export const openDatabase = async (options: DatabaseOptions): Promise<DatabaseHandle> =>
  options.databaseUrl ? openServerDatabase(options.databaseUrl, options) : openEmbeddedDatabase(options);

/** How long a query waits for a connection of a busy pool (see openServerDatabase). */
const poolWaitMs = 15_000;
/** How long opening a connection may take before the server counts as unreachable. */
const connectMs = 3_000;

class FastConnectClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: connectMs });
  }
}

const openServerDatabase = async (databaseUrl: string, options: DatabaseOptions): Promise<DatabaseHandle> => {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Two different waits, one option in pg.Pool: a request waits for a busy pool's next free
    // connection as long as the Bot Framework waits for the turn's answer (15 s), so a burst above
    // what the database sustains queues and is served instead of failing after 3 s; ...
    connectionTimeoutMillis: poolWaitMs,
    // ... while opening a connection fails fast when the server is down (the client's own timeout).
    Client: FastConnectClient,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  const db = drizzlePg(pool, { schema, casing }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    migrate: async (folder = migrationsFolder) => {
      // Several instances may start together on a new release: a session advisory lock makes them take
      // turns, so the first applies the migrations and the others find nothing left to do.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
        try {
          await migratePg(drizzlePg(client), { migrationsFolder: folder });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
        }
      } finally {
        client.release();
      }
    },
    checkReady: checkReadyWith(db),
    // The server's autovacuum does it.
    maintain: async () => {},
    exclusively: async (task) => {
      // A connection of its own, outside the pool: the task needs the pool's connections itself.
      const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: connectMs });
      await client.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
        return await task();
      } finally {
        // Ending the session releases its advisory lock.
        await client.end();
      }
    },
    // pg-boss: with values, one statement on any pooled connection. Without, a script that may hold
    // its own BEGIN … COMMIT: run it on a dedicated connection and discard that connection if the
    // script fails, so no pooled connection is left inside an aborted transaction.
    executeSql: async (text, values) => {
      if (values && values.length > 0) return lastResult(await pool.query(text, values as unknown[]));
      const client = await pool.connect();
      try {
        const result = await client.query(text);
        client.release();
        return lastResult(result);
      } catch (error) {
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    },
    close: () => pool.end(),
  };
};

/** The tables the app and pg-boss keep (partitions included: a partitioned parent holds no rows). */
const embeddedTablesQuery = `
  select format('%I.%I', n.nspname, c.relname) as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  order by n.nspname, c.relname`;

const openEmbeddedDatabase = async (options: DatabaseOptions): Promise<DatabaseHandle> => {
  const inMemory = options.dataDir.startsWith('memory://');
  const releaseLock = inMemory ? () => {} : acquireDataDirLock(options.dataDir);
  try {
    const client = await PGlite.create(options.dataDir);
    const db = drizzlePglite(client, { schema, casing }) as unknown as Database;
    return {
      db,
      kind: 'pglite',
      migrate: async (folder = migrationsFolder) => {
        await migratePglite(drizzlePglite(client), { migrationsFolder: folder });
      },
      checkReady: checkReadyWith(db),
      // One process owns the folder: nobody to take turns with.
      exclusively: (task) => task(),
      maintain: async () => {
        const { rows } = await client.query<{ name: string }>(embeddedTablesQuery);
        // One table per statement: PGlite runs one statement at a time, so requests wait for one
        // table's vacuum at most, not for the whole database's. A vacuum skips the pages that are
        // all-visible already, so an unchanged table costs little more than its ANALYZE sample.
        let failed = 0;
        for (const { name } of rows) {
          // One table failing (dropped since the list was read) leaves the others to be vacuumed.
          await client.exec(`vacuum (analyze) ${name}`).catch(() => {
            failed += 1;
          });
        }
        if (failed > 0) throw new Error(`vacuum failed for ${failed} of ${rows.length} tables`);
      },
      // pg-boss: with values, one statement (extended protocol). Without, a multi-statement script
      // (migrations, maintenance) that may hold its own BEGIN … COMMIT: PGlite has one connection,
      // so run it under PGlite's transaction lock, which rolls back whatever a failing script left
      // open before anyone else gets the connection (the script's own COMMIT ends the outer block).
      executeSql: async (text, values) => {
        if (values && values.length > 0) return lastResult(await client.query(text, values as unknown[]));
        return client.transaction(async (tx) => lastResult(await tx.exec(text)));
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
};
