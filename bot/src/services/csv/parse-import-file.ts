// The file half of the proposal CSV import: bytes → checked rows, with no database involved. Problems of
// the file as a whole throw at once; problems of rows are collected so the 推進室 sees every bad row.
import { AppError, formatProposalNumber, parseProposalNumber, type ErrorDetail } from '#shared';
import { decodeCsvText, parseCsvRecords } from './csv-decode';
import {
  csvLimits,
  proposalCsvColumns,
  requiredCsvColumns,
  restoreFormula,
  type ProposalCsvColumn,
} from './proposal-csv-format';
import type { CsvCategories } from './proposal-csv-row-parts';
import { parseProposalCsvRow, type ProposalCsvRow } from './proposal-csv-rows';

/** Collects row problems: each becomes one `{ path: 'row:N', message }`. */
export class RowErrors {
  private readonly byRow = new Map<number, string[]>();

  add(rowNumber: number, message: string): void {
    const list = this.byRow.get(rowNumber);
    if (list) list.push(message);
    else this.byRow.set(rowNumber, [message]);
  }

  isEmpty(): boolean {
    return this.byRow.size === 0;
  }

  throwIfAny(): void {
    if (this.byRow.size === 0) return;
    const details: ErrorDetail[] = [...this.byRow.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([rowNumber, messages]) => messages.map((message) => ({ path: `row:${rowNumber}`, message })));
    throw new AppError('VALIDATION', {
      message: `CSV import refused: ${this.byRow.size} bad rows`,
      userMessage: `${this.byRow.size}行に誤りがあるため、取り込みませんでした（1件も登録していません）。各行を修正してから取り込み直してください。`,
      details,
    });
  }
}

const headerProblem = (userMessage: string): AppError =>
  new AppError('VALIDATION', {
    message: `CSV header refused: ${userMessage}`,
    userMessage,
    details: [{ path: 'row:1', message: userMessage }],
  });

/** Column name → index, from the header row (names compared after NFKC and trimming). */
const readHeader = (header: string[]): Map<ProposalCsvColumn, number> => {
  const columns = new Map<ProposalCsvColumn, number>();
  header.forEach((raw, index) => {
    const name = raw.normalize('NFKC').trim();
    const column = proposalCsvColumns.find((candidate) => candidate.normalize('NFKC') === name);
    if (!column) return; // unknown columns are ignored
    if (columns.has(column)) throw headerProblem(`見出し行に「${column}」の列が2つあります。`);
    columns.set(column, index);
  });
  const missing = requiredCsvColumns.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw headerProblem(
      `必須の列がありません: ${missing.map((column) => `「${column}」`).join('')}。1行目（見出し行）を確認してください。`,
    );
  }
  return columns;
};

export interface ParsedFile {
  /** The rows that passed the checks of a row on its own. */
  rows: ProposalCsvRow[];
  /** Problems found so far; the database checks add theirs before anything is written. */
  errors: RowErrors;
  /** Every proposal number the file gives (also on bad rows), for merge targets. */
  fileNumbers: Set<string>;
}

/** The header's columns and the non-blank data rows (with their spreadsheet row numbers), within the limits. */
const readRecords = (content: Buffer) => {
  if (content.length > csvLimits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: `CSV of ${content.length} bytes refused`,
      userMessage: 'ファイルが大きすぎます。1回に取り込めるのは5MBまでです。ファイルを分割してください。',
    });
  }
  const records = parseCsvRecords(decodeCsvText(content));
  if (records.length === 0 || records[0]!.every((cell) => cell.trim() === '')) {
    throw headerProblem('1行目に見出し行（提案番号、年度、提出日、件名…）がありません。');
  }
  const columns = readHeader(records[0]!);
  const dataRows = records
    .map((record, index) => ({ record, rowNumber: index + 1 }))
    .slice(1)
    .filter(({ record }) => record.some((value) => value.trim() !== ''));
  if (dataRows.length > csvLimits.maxRows) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: `CSV of ${dataRows.length} rows refused`,
      userMessage: `行数が多すぎます（${dataRows.length.toLocaleString('ja-JP')}行）。1回に取り込めるのは20,000行までです。ファイルを分割してください。`,
    });
  }
  if (dataRows.length === 0) throw headerProblem('取り込む行がありません（見出し行だけのファイルです）。');
  return { columns, dataRows };
};

/** Decodes, parses and checks every row on its own and across rows; throws for file-level problems. */
export const parseImportFile = (content: Buffer, categories: CsvCategories): ParsedFile => {
  const { columns, dataRows } = readRecords(content);
  const errors = new RowErrors();
  const rows: ProposalCsvRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { record, rowNumber } of dataRows) {
    const cell = (column: ProposalCsvColumn) => {
      const index = columns.get(column);
      return index === undefined ? '' : restoreFormula(record[index] ?? '');
    };
    const result = parseProposalCsvRow(rowNumber, cell, categories);
    if (result.row) rows.push(result.row);
    for (const message of result.errors) errors.add(rowNumber, message);

    // Duplicate numbers are checked on every row that has a readable one, even a row with other problems.
    const parsed = parseProposalNumber(cell('提案番号'));
    if (!parsed) continue;
    const number = formatProposalNumber(parsed.fiscalYear, parsed.sequence);
    const first = firstRowOf.get(number);
    if (first === undefined) firstRowOf.set(number, rowNumber);
    else
      errors.add(
        rowNumber,
        `「提案番号」${number}がファイル内で重複しています（${first}行目と同じ番号です）。`,
      );
  }
  for (const row of mergeDepths(rows).circular) {
    errors.add(row.rowNumber, `「統合先」${row.mergedInto}をたどると統合先が循環しています。`);
  }
  return { rows, errors, fileNumbers: new Set(firstRowOf.keys()) };
};

/**
 * How many merges lie between a row and a proposal that is not merged within the file. A merged
 * proposal is inserted after its target; rows whose merge chain runs in a circle are `circular`.
 */
const mergeDepths = (rows: ProposalCsvRow[]) => {
  const byNumber = new Map(rows.flatMap((row) => (row.number ? [[row.number.text, row] as const] : [])));
  const depth = new Map<ProposalCsvRow, number>();
  const circular = new Set<ProposalCsvRow>();
  for (const start of rows) {
    const path: ProposalCsvRow[] = [];
    const onPath = new Set<ProposalCsvRow>();
    let current: ProposalCsvRow | undefined = start;
    while (current && !depth.has(current) && !circular.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = current.mergedInto ? byNumber.get(current.mergedInto) : undefined;
    }
    const leadsToCircle = current !== undefined && (circular.has(current) || onPath.has(current));
    let next = current && depth.has(current) ? depth.get(current)! : -1;
    for (const row of path.reverse()) {
      if (leadsToCircle) circular.add(row);
      else depth.set(row, (next += 1));
    }
  }
  return { depth, circular };
};

/** Targets before the proposals merged into them; otherwise file order. */
export const insertionOrder = (rows: ProposalCsvRow[]): ProposalCsvRow[] => {
  const { depth } = mergeDepths(rows);
  return rows
    .map((row, index) => ({ row, index, depth: depth.get(row) ?? 0 }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map(({ row }) => row);
};
