import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fiscalYearLabel, parseFiscalYear } from '#shared';
import { generateProposalsCsv } from '../bot/src/services/csv/export-proposals';
import { databaseLabel, runCli, UsageError, withDatabase } from './cli-support';

const usage = `使い方 / usage: npm run export -- <out.csv | -> [--fiscal-year 2024]
  <out.csv>        書き出し先（- は標準出力）/ output file (- for standard output)
  --fiscal-year    年度で絞り込む（2024、R6、令和6年度）/ only one fiscal year (2024, R6, 令和6年度)`;

/** `npm run export -- out.csv [--fiscal-year 2024]`: proposals as CSV (UTF-8 with BOM, CRLF). */
runCli(usage, async () => {
  const { values, positionals } = parseCommandLine();
  if (positionals.length !== 1)
    throw new UsageError('書き出し先を1つ指定してください / give one output file');
  const target = positionals[0]!;
  const fiscalYear = values['fiscal-year'] === undefined ? undefined : parseFiscalYear(values['fiscal-year']);
  if (values['fiscal-year'] !== undefined && fiscalYear === undefined) {
    throw new UsageError(`年度を読み取れません / unknown fiscal year: ${values['fiscal-year']}`);
  }
  // The CSV may go to standard output, so the summary goes to standard error then.
  const report = target === '-' ? console.error : console.log;
  await withDatabase(async (database, config) => {
    let count = 0;
    const chunks = generateProposalsCsv(database.db, fiscalYear === undefined ? {} : { fiscalYear }, {
      onRows: (rows) => (count += rows),
    });
    if (target === '-') await writeToStandardOutput(chunks);
    else await writeFileAtomically(target, chunks);
    const scope = fiscalYear === undefined ? '全年度' : fiscalYearLabel(fiscalYear);
    report(
      `${scope}の提案 ${count}件を書き出しました（${target === '-' ? '標準出力' : target}） / ` +
        `Exported ${count} proposals to ${target === '-' ? 'standard output' : target}`,
    );
    report(`データベース / database: ${databaseLabel(database, config)}`);
  });
});

function parseCommandLine() {
  try {
    return parseArgs({ options: { 'fiscal-year': { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function writeAll(out: NodeJS.WritableStream, chunks: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/** A reader that stops early (`| head`) closes the pipe: the export then ends quietly. */
async function writeToStandardOutput(chunks: AsyncIterable<Buffer>): Promise<void> {
  let failure: NodeJS.ErrnoException | undefined;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => (failure = error));
  for await (const chunk of chunks) {
    if (failure) break;
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain').catch(() => undefined);
  }
  if (failure && failure.code !== 'EPIPE') throw failure;
}

/** Writes beside the target and renames at the end, so a failed export leaves no half file. */
async function writeFileAtomically(target: string, chunks: AsyncIterable<Buffer>): Promise<void> {
  const partial = `${target}.part`;
  const out = createWriteStream(partial);
  try {
    await writeAll(out, chunks);
    out.end();
    await once(out, 'finish');
    await rename(partial, target);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
