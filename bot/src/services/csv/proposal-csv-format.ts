import { stringify } from 'csv-stringify/sync';
import { tokyoDate } from '#shared';

/**
 * The proposal CSV file (docs/csv-format.md): column names, cell formats and the formula-injection
 * guard, shared by export and import so that a round trip gives back the same bytes.
 */
export const proposalCsvColumns = [
  '提案番号',
  '年度',
  '提出日',
  '件名',
  '提案内容',
  '分類',
  '期待される効果',
  '提案者',
  '提案者メール',
  '提案者所属',
  '共同提案者',
  '所管課',
  '期間',
  '状況',
  'その他の理由区分',
  'その他の理由',
  '再検討時期',
  '回答',
  '統合先',
  '重点案件',
  '公開',
  '実現日',
] as const;
export type ProposalCsvColumn = (typeof proposalCsvColumns)[number];

/** Columns an import cannot do without; the others may be left out of the file. */
export const requiredCsvColumns: readonly ProposalCsvColumn[] = [
  '提出日',
  '件名',
  '提案内容',
  '分類',
  '提案者',
];

export const csvLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000 } as const;

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab / carriage return before one) as a formula,
 * and Japanese Excel takes the full-width ＝ ＋ － ＠ typed with a Japanese IME as the same characters.
 * Export puts an apostrophe in front; import removes exactly one. Values that already start with
 * apostrophes before such a character get one more, so every value survives the round trip.
 */
const formulaLike = /^'*[=+\-@\t\r＝＋－＠]/;
const neutralisedFormula = /^'+[=+\-@\t\r＝＋－＠]/;

export const neutraliseFormula = (value: string): string => (formulaLike.test(value) ? `'${value}` : value);

export const restoreFormula = (value: string): string =>
  neutralisedFormula.test(value) ? value.slice(1) : value;

/** Records as CSV text: CRLF after every record, quotes only where needed (also around line breaks). */
export const csvRecords = (records: string[][]): string =>
  stringify(records, { record_delimiter: '\r\n', quote_record_delimiter: true });

/** `YYYY-MM-DD` of an instant in Tokyo. */
export const formatTokyoDate = (date: Date): string => {
  const { year, month, day } = tokyoDate(date);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/**
 * `2024-04-01`, or `2024/4/1` as Excel saves dates in Japan, to canonical `YYYY-MM-DD`; undefined when
 * the text is no date or names a day that does not exist.
 */
export const parseCsvDate = (text: string): string | undefined => {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** Imported dates carry no time: they become 09:00 in Tokyo of that day. */
export const tokyoMorningOf = (isoDate: string): Date => new Date(`${isoDate}T09:00:00+09:00`);

/** Lists in a cell (co-proposers, project codes) are separated by `;` (full-width `；` accepted). */
export const listSeparator = '; ';
export const splitList = (text: string): string[] =>
  text
    .split(/[;；]/)
    .map((item) => item.trim())
    .filter(Boolean);

export interface CsvPerson {
  name?: string;
  email?: string;
}

const emailPattern = /^[^\s@<>;,]+@[^\s@<>;,]+\.[^\s@<>;,]+$/;
export const isEmail = (text: string): boolean => emailPattern.test(text);

/** `山口 太郎 <taro@example.jp>`, or the name alone for someone without an e-mail address. */
export const formatPerson = (person: { displayName: string; email: string | null }): string =>
  person.email ? `${person.displayName} <${person.email}>` : person.displayName;

/** One co-proposer entry: `氏名 <メール>`, `メール` or `氏名`. Undefined when an address is malformed. */
export const parsePerson = (text: string): CsvPerson | undefined => {
  const angled = /^(.*?)\s*<([^<>]*)>$/.exec(text);
  if (angled) {
    const email = angled[2]!.trim();
    if (!isEmail(email)) return undefined;
    const name = angled[1]!.trim();
    return name ? { name, email } : { email };
  }
  if (text.includes('@')) return isEmail(text) ? { email: text } : undefined;
  return { name: text };
};

/** Looks a Japanese label up, forgiving full-width / half-width differences and outer spaces. */
export const labelLookup = <T extends string>(labels: Record<T, string>) => {
  const byLabel = new Map(
    (Object.entries(labels) as [T, string][]).map(([value, label]) => [label.normalize('NFKC'), value]),
  );
  return (text: string): T | undefined => byLabel.get(text.normalize('NFKC').trim());
};

export const publishedLabels = { yes: 'はい', no: 'いいえ' } as const;
