import { isAppError } from '#shared';
import { ConfigError, loadConfig, type Config } from '../bot/src/config';
import { DataDirLockedError } from '../bot/src/data/data-dir-lock';
import { openDatabase, type DatabaseHandle } from '../bot/src/data/database';
import { isDatabaseUnavailable } from '../bot/src/data/errors';

/**
 * What the command-line tools share: the configured database (migrated, always closed) and error
 * output a person can act on — Japanese and English, row errors listed, never a stack trace.
 */

/** A wrong command line; printed with the tool's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const withDatabase = async <T>(
  task: (database: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> => {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    onPoolError: () => {},
  });
  try {
    await database.migrate();
    return await task(database, config);
  } finally {
    await database.close();
  }
};

export const databaseLabel = (database: DatabaseHandle, config: Config): string =>
  database.kind === 'pglite'
    ? `組み込みデータベース / embedded database: ${config.dataDir}`
    : 'PostgreSQL (DATABASE_URL)';

const printError = (error: unknown, usage: string): void => {
  if (error instanceof UsageError) {
    console.error(`エラー / Error: ${error.message}\n\n${usage}`);
  } else if (error instanceof DataDirLockedError) {
    console.error(
      `エラー: 組み込みデータベース（${error.dataDir}）は別のプロセス（PID ${error.ownerPid}）が使用中です。` +
        'サーバーを停止してから実行するか、DATABASE_URL で PostgreSQL を指定してください' +
        `（そのようなプロセスがない場合は ${error.lockPath} を削除してください）。`,
    );
    console.error(`Error: ${error.message}`);
  } else if (error instanceof ConfigError) {
    console.error(`エラー: 環境変数の設定が正しくありません。\n${error.message}`);
  } else if (isAppError(error)) {
    console.error(`エラー: ${error.userMessage}`);
    for (const detail of error.details) console.error(`  ${detail.path}: ${detail.message}`);
    console.error(`Error: ${error.message}`);
  } else if (isDatabaseUnavailable(error)) {
    console.error('エラー: データベースに接続できません。DATABASE_URL とサーバーの状態を確認してください。');
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  } else {
    console.error(`エラー / Error: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Runs a tool's main function; any failure is printed and the exit code becomes 1. */
export const runCli = (usage: string, main: () => Promise<void>): void => {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      printError(error, usage);
      process.exitCode = 1;
    },
  );
};
