import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '#shared';
import { csvLimits } from '../bot/src/services/csv/proposal-csv-format';
import { importProposalsCsv } from '../bot/src/services/csv/import-proposals';
import { databaseLabel, runCli, UsageError, withDatabase } from './cli-support';

const usage = `使い方 / usage: npm run import -- <file.csv> [--dry-run]
  <file.csv>  取り込むCSV（UTF-8 または Shift_JIS、形式は docs/csv-format.md）
              the CSV to import (UTF-8 or Shift_JIS, format in docs/csv-format.md)
  --dry-run   確認だけ行い、登録しない / check everything, write nothing`;

/** `npm run import -- file.csv [--dry-run]`: the office's bulk import, as the system (no actor). */
runCli(usage, async () => {
  const { values, positionals } = parseCommandLine();
  if (positionals.length !== 1) throw new UsageError('CSVファイルを1つ指定してください / give one CSV file');
  const file = positionals[0]!;
  const content = await readCsv(file);
  await withDatabase(async (database, config) => {
    const dryRun = values['dry-run'];
    const result = await importProposalsCsv(database.db, { actor: null, content, dryRun });
    const range = result.numbers.length > 0 ? `（${result.numbers[0]} ～ ${result.numbers.at(-1)}）` : '';
    console.log(
      dryRun
        ? `確認しました（ドライラン、登録していません）: ${result.imported}件を取り込めます${range} / ` +
            `Dry run: ${result.imported} proposals would be imported; nothing written`
        : `${result.imported}件の提案を取り込みました${range} / Imported ${result.imported} proposals`,
    );
    if (result.newDivisions.length > 0) {
      console.log(
        `${dryRun ? '新しく登録される' : '新しく登録した'}所属・所管課 / new divisions (${result.newDivisions.length}): ` +
          result.newDivisions.join('、'),
      );
    }
    console.log(`データベース / database: ${databaseLabel(database, config)}`);
  });
});

function parseCommandLine() {
  try {
    return parseArgs({
      options: { 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function readCsv(file: string): Promise<Buffer> {
  const size = await stat(file).then(
    (info) => info.size,
    () => undefined,
  );
  if (size === undefined) throw new UsageError(`ファイルが見つかりません / file not found: ${file}`);
  if (size > csvLimits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: `${file} has ${size} bytes`,
      userMessage: 'ファイルが大きすぎます。1回に取り込めるのは5MBまでです。ファイルを分割してください。',
    });
  }
  return readFile(file);
}
