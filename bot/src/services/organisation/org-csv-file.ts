// The file half of the organisation CSV import: bytes → checked rows, with no database involved.
import { AppError } from '#shared';
import { decodeCsvText, parseCsvRecords } from '../csv/csv-decode';
import { RowErrors } from '../csv/parse-import-file';
import { csvLimits } from '../csv/proposal-csv-format';
import {
  orgCsvColumns,
  parseOrgCsvRow,
  requiredOrgCsvColumns,
  type OrgCsvColumn,
  type OrgCsvRow,
} from './org-csv-format';

const fileProblem = (userMessage: string): AppError =>
  new AppError('VALIDATION', {
    message: `Organisation CSV refused: ${userMessage}`,
    userMessage,
    details: [{ path: 'row:1', message: userMessage }],
  });

const readHeader = (header: string[]): Map<OrgCsvColumn, number> => {
  const columns = new Map<OrgCsvColumn, number>();
  header.forEach((raw, index) => {
    const column = orgCsvColumns.find((candidate) => candidate === raw.normalize('NFKC').trim());
    if (!column) return; // unknown columns are ignored
    if (columns.has(column)) throw fileProblem(`見出し行に「${column}」の列が2つあります。`);
    columns.set(column, index);
  });
  const missing = requiredOrgCsvColumns.filter((column) => !columns.has(column));
  if (missing.length > 0)
    throw fileProblem(
      `必須の列がありません: ${missing.map((column) => `「${column}」`).join('')}。1行目（見出し行）を確認してください。`,
    );
  return columns;
};

/** Rows checked one by one, plus the file's own rules: each code and name once. */
export const parseOrgCsvFile = (content: Buffer): { rows: OrgCsvRow[]; errors: RowErrors } => {
  if (content.length > csvLimits.maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: `Organisation CSV of ${content.length} bytes refused`,
      userMessage: 'ファイルが大きすぎます。1回に取り込めるのは5MBまでです。',
    });
  const records = parseCsvRecords(decodeCsvText(content));
  if (records.length === 0 || records[0]!.every((cell) => cell.trim() === ''))
    throw fileProblem('1行目に見出し行（組織コード、組織名、種類…）がありません。');
  const columns = readHeader(records[0]!);
  const errors = new RowErrors();
  const rows: OrgCsvRow[] = [];
  const seen = { code: new Map<string, number>(), name: new Map<string, number>() };
  records.forEach((record, index) => {
    if (index === 0 || record.every((value) => value.trim() === '')) return;
    const rowNumber = index + 1;
    const row = parseOrgCsvRow(
      (column) => (columns.has(column) ? (record[columns.get(column)!] ?? '') : ''),
      rowNumber,
      errors,
    );
    if (!row) return;
    let duplicate = false;
    for (const key of ['code', 'name'] as const) {
      const first = seen[key].get(row[key]);
      if (first === undefined) seen[key].set(row[key], rowNumber);
      else {
        duplicate = true;
        errors.add(
          rowNumber,
          `${key === 'code' ? '組織コード' : '組織名'}「${row[key]}」は${first}行目と重複しています。`,
        );
      }
    }
    // A duplicate is reported once, here; the organisation's checks see the first row only.
    if (!duplicate) rows.push(row);
  });
  if (rows.length === 0 && errors.isEmpty())
    throw fileProblem('取り込む行がありません（見出し行だけのファイルです）。');
  return { rows, errors };
};
