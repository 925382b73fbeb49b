import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../bot/src/data/database';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { createServerDatabase, usesServer } from './test-database';

/**
 * Durable storage for server processes of the fault tests, of the kind under test: a throwaway
 * database on the PostgreSQL server (DATABASE_URL runs) or an embedded PGlite folder on disk.
 * `env` is what a server process needs to use it; `open` opens it in the test process (for PGlite
 * only while no server process holds it).
 */
export interface FaultStorage {
  kind: 'postgres' | 'pglite';
  env: Record<string, string>;
  /** The PGlite folder ('' on PostgreSQL). */
  dataDir: string;
  open(): Promise<DatabaseHandle>;
  remove(): void;
}

/**
 * A new PGlite folder costs an initdb (10 s of CPU here); reopening one costs 2 s. So the first
 * storage of a test worker initialises, migrates and seeds a template folder, and each storage is a
 * copy of it. The templates of a run are removed by the global teardown (tests/helpers/global-setup.ts).
 */
let template: Promise<string> | undefined;
const pgliteTemplate = (): Promise<string> => {
  template ??= (async () => {
    const run = process.env.TEST_DB_RUN ?? 'run';
    const dir = join(tmpdir(), `proposals-template-${run}-w${process.env.VITEST_POOL_ID ?? '0'}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const database = await openDatabase({ dataDir: dir });
    try {
      await database.migrate();
      await seedBaseData(database.db);
    } finally {
      await database.close();
    }
    return dir;
  })();
  return template;
};

export const createFaultStorage = async (name: string): Promise<FaultStorage> => {
  if (usesServer()) {
    const databaseUrl = await createServerDatabase(name);
    return {
      kind: 'postgres',
      env: { DATABASE_URL: databaseUrl, DATA_DIR: '' },
      dataDir: '',
      open: () => openDatabase({ databaseUrl, dataDir: '', poolSize: 2 }),
      remove: () => undefined,
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), `proposals-${name}-`));
  cpSync(await pgliteTemplate(), dataDir, { recursive: true });
  return {
    kind: 'pglite',
    env: { DATABASE_URL: '', DATA_DIR: dataDir },
    dataDir,
    open: () => openDatabase({ dataDir }),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
};
