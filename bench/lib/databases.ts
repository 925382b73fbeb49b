import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../bot/src/data/database';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { largeDatasetStatements } from './large-dataset';

/**
 * Throwaway databases for the bench: `bench_<run>_<name>` on the machine's PostgreSQL server
 * (BENCH_DATABASE_URL names the server's maintenance database), or a PGlite folder under the OS
 * temporary directory. Everything created here is removed by `dropAll()`.
 */
export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type Backend = 'postgres' | 'pglite';

export interface BenchDatabase {
  backend: Backend;
  /** Environment for a server process: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  /** Opens a handle from the bench process (PGlite: only while no server holds the folder). */
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

const runId = `${process.pid}`;
const created = new Set<BenchDatabase>();

const withAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const serverVersion = (): Promise<string> =>
  withAdmin(
    async (client) =>
      (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v,
  );

/** An empty, migrated database with the base data (stamp kinds, FY2024 priority projects). */
export const createBenchDatabase = async (backend: Backend, name: string): Promise<BenchDatabase> => {
  let database: BenchDatabase;
  if (backend === 'postgres') {
    const dbName = `bench_${runId}_${name}`;
    await withAdmin(async (client) => {
      await client.query(`drop database if exists "${dbName}" with (force)`);
      await client.query(`create database "${dbName}" template template0 encoding 'UTF8'`);
    });
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    database = {
      backend,
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 }),
      drop: async () => {
        created.delete(database);
        await withAdmin((client) => client.query(`drop database if exists "${dbName}" with (force)`));
      },
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
    database = {
      backend,
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      drop: async () => {
        created.delete(database);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  created.add(database);
  const handle = await database.open();
  try {
    await handle.migrate();
    await seedBaseData(handle.db);
  } finally {
    await handle.close();
  }
  return database;
};

/**
 * Loads the scenario-3 data (see large-dataset.ts) in one session (the statements share temporary
 * tables): a pg client on the server, the embedded instance for PGlite. Returns the seconds it took.
 */
export const seedLargeDataset = async (database: BenchDatabase): Promise<number> => {
  const started = performance.now();
  const statements = largeDatasetStatements();
  if (database.backend === 'postgres') {
    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
      // What autovacuum does to a real server's tables after such a load: the visibility map lets the
      // counts (a list's total, the work queues') read their partial indexes alone. PGlite has no
      // autovacuum, and VACUUM cannot join the one-batch load below, so it stays as loaded.
      await client.query('vacuum (analyze) proposals, stamps, proposal_history');
    } finally {
      await client.end();
    }
  } else {
    const handle = await database.open();
    try {
      await handle.executeSql(statements.join(';\n'));
    } finally {
      await handle.close();
    }
  }
  return (performance.now() - started) / 1000;
};

const largeDatabases = new Map<Backend, Promise<{ database: BenchDatabase; seedSeconds: number }>>();

/**
 * The scenario-3 database of a backend, created and seeded once per run (about a minute) and shared by
 * the scenarios that only read it (dashboard, tab); `dropAll()` removes it at the end of the run.
 */
export const largeBenchDatabase = (
  backend: Backend,
): Promise<{ database: BenchDatabase; seedSeconds: number }> => {
  let entry = largeDatabases.get(backend);
  if (!entry) {
    entry = (async () => {
      const database = await createBenchDatabase(backend, 'large');
      return { database, seedSeconds: await seedLargeDataset(database) };
    })();
    largeDatabases.set(backend, entry);
  }
  return entry;
};

export const dropAll = async (): Promise<void> => {
  largeDatabases.clear();
  for (const database of [...created]) await database.drop().catch(() => undefined);
};
