import { randomUUID } from 'node:crypto';
import {
  AppError,
  canTriage,
  formatProposalNumber,
  parseProposalNumber,
  type Actor,
  type ErrorDetail,
} from '#shared';
import { chunk } from '../../data/chunk';
import type { Database, Transaction } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { ensureDivisions } from '../../data/repositories/divisions-repository';
import { findPriorityProjects } from '../../data/repositories/priority-projects-repository';
import {
  insertCoProposerRows,
  insertProjectLinkRows,
  insertProposalRows,
} from '../../data/repositories/proposal-bulk-repository';
import { appendHistory } from '../../data/repositories/proposal-history-repository';
import {
  honourProposalNumbers,
  reserveProposalNumbers,
  type ProposalNumber,
} from '../../data/repositories/proposal-numbering';
import { findProposalIdsByNumbers } from '../../data/repositories/proposals-repository';
import {
  findUsersByDisplayNames,
  findUsersByEmails,
  upsertUserByEmail,
} from '../../data/repositories/users-repository';
import type { NewProposalRow } from '../../data/schema/index';
import { decodeCsvText, parseCsvRecords } from './csv-decode';
import {
  csvLimits,
  proposalCsvColumns,
  requiredCsvColumns,
  restoreFormula,
  type CsvPerson,
  type ProposalCsvColumn,
} from './proposal-csv-format';
import { parseProposalCsvRow, type ProposalCsvRow } from './proposal-csv-rows';

export interface ImportProposalsCommand {
  /** Who imports (must be 推進室), or null for the system (the command-line tool). */
  actor: Actor | null;
  /** The file's bytes; anything else (a request without a CSV body) is refused. */
  content: unknown;
  /** Check everything, write nothing; the result says what a real import would do. */
  dryRun?: boolean;
}

export interface ImportProposalsResult {
  imported: number;
  /** Proposal numbers in file order (taken or to be taken). */
  numbers: string[];
}

/** Collects row problems: each becomes one `{ path: 'row:N', message }`. */
class RowErrors {
  private readonly byRow = new Map<number, string[]>();

  add(rowNumber: number, message: string): void {
    const list = this.byRow.get(rowNumber);
    if (list) list.push(message);
    else this.byRow.set(rowNumber, [message]);
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

class DryRunRollback extends Error {
  constructor(readonly result: ImportProposalsResult) {
    super('dry run');
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

interface ParsedFile {
  /** The rows that passed the checks of a row on its own. */
  rows: ProposalCsvRow[];
  /** Problems found so far; the database checks add theirs before anything is written. */
  errors: RowErrors;
  /** Every proposal number the file gives (also on bad rows), for merge targets. */
  fileNumbers: Set<string>;
}

/** Decodes, parses and checks every row on its own and across rows; throws for file-level problems. */
const parseFile = (content: Buffer): ParsedFile => {
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

  const errors = new RowErrors();
  const rows: ProposalCsvRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { record, rowNumber } of dataRows) {
    const cell = (column: ProposalCsvColumn) => {
      const index = columns.get(column);
      return index === undefined ? '' : restoreFormula(record[index] ?? '');
    };
    const result = parseProposalCsvRow(rowNumber, cell);
    if (result.row) rows.push(result.row);
    for (const message of result.errors) errors.add(rowNumber, message);

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
const insertionOrder = (rows: ProposalCsvRow[]): ProposalCsvRow[] => {
  const { depth } = mergeDepths(rows);
  return rows
    .map((row, index) => ({ row, index, depth: depth.get(row) ?? 0 }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map(({ row }) => row);
};

const personKey = (email: string) => email.toLowerCase();

/**
 * Checks against the database (numbers taken, merge targets, project codes, co-proposers named
 * without an address) and resolves what the rows refer to. Runs in the import's transaction.
 */
const resolveReferences = async (tx: Transaction, { rows, errors, fileNumbers }: ParsedFile) => {
  const existing = new Map<string, string>();
  const lookUp = [
    ...new Set([...fileNumbers, ...rows.flatMap((row) => (row.mergedInto ? [row.mergedInto] : []))]),
  ];
  for (const part of chunk(lookUp, 1000)) {
    for (const [number, id] of await findProposalIdsByNumbers(tx, part)) existing.set(number, id);
  }
  for (const row of rows) {
    if (row.number && existing.has(row.number.text)) {
      errors.add(row.rowNumber, `「提案番号」${row.number.text}は既に登録されています。`);
    }
    if (row.mergedInto && !fileNumbers.has(row.mergedInto) && !existing.has(row.mergedInto)) {
      errors.add(
        row.rowNumber,
        `「統合先」${row.mergedInto}の提案は、このファイルにも登録済みの提案にもありません。`,
      );
    }
  }

  const projectIds = new Map<string, string>();
  const projectYears = new Set(rows.flatMap((row) => row.projects.map((project) => project.fiscalYear)));
  for (const fiscalYear of projectYears) {
    for (const project of await findPriorityProjects(tx, fiscalYear)) {
      projectIds.set(`${fiscalYear}-${project.themeNo}-${project.itemNo}`, project.id);
    }
  }
  for (const row of rows) {
    for (const project of row.projects) {
      if (!projectIds.has(`${project.fiscalYear}-${project.themeNo}-${project.itemNo}`)) {
        errors.add(row.rowNumber, `「重点案件」${project.code}は登録されていません。`);
      }
    }
  }

  // People known by e-mail: the file's names for them, co-proposer entries first (they show a
  // person's current name; 提案者 is the name as submitted).
  const people = new Map<string, { email: string; name: string; division: string | null }>();
  for (const row of rows) {
    for (const person of row.coProposers) {
      if (person.email && person.name && !people.has(personKey(person.email))) {
        people.set(personKey(person.email), { email: person.email, name: person.name, division: null });
      }
    }
  }
  for (const row of rows) {
    if (!row.proposerEmail) continue;
    const known = people.get(personKey(row.proposerEmail));
    if (!known) {
      people.set(personKey(row.proposerEmail), {
        email: row.proposerEmail,
        name: row.proposerName,
        division: row.proposerDivision,
      });
    } else known.division ??= row.proposerDivision;
  }
  for (const row of rows) {
    for (const person of row.coProposers) {
      if (person.email && !people.has(personKey(person.email))) {
        people.set(personKey(person.email), { email: person.email, name: person.email, division: null });
      }
    }
  }

  // Co-proposers given by name only must name exactly one person (in the file or the database).
  const byName = new Map<string, Set<string>>();
  const nameOnly = new Set(
    rows.flatMap((row) => row.coProposers.flatMap((person) => (person.email ? [] : [person.name!]))),
  );
  const addCandidate = (name: string, key: string) =>
    byName.set(name, (byName.get(name) ?? new Set()).add(key));
  for (const person of people.values()) {
    if (nameOnly.has(person.name)) addCandidate(person.name, `email:${personKey(person.email)}`);
  }
  for (const user of await findUsersByDisplayNames(tx, [...nameOnly])) {
    const inFile = user.email && people.has(personKey(user.email));
    addCandidate(user.displayName, inFile ? `email:${personKey(user.email!)}` : `id:${user.id}`);
  }
  for (const row of rows) {
    for (const person of row.coProposers) {
      if (person.email) continue;
      const matches = byName.get(person.name!)?.size ?? 0;
      if (matches !== 1) {
        errors.add(
          row.rowNumber,
          matches === 0
            ? `「共同提案者」の「${person.name}」が見つかりません。「氏名 <メールアドレス>」の形式で入力してください。`
            : `「共同提案者」の「${person.name}」は同じ名前の人が複数いるため特定できません。「氏名 <メールアドレス>」の形式で入力してください。`,
        );
      }
    }
  }
  errors.throwIfAny();

  const personOf = (person: CsvPerson): string => {
    if (person.email) return `email:${personKey(person.email)}`;
    return [...byName.get(person.name!)!][0]!;
  };
  return { existing, projectIds, people, personOf };
};

/** The divisions the rows name, created when unknown: name → id. */
const createDivisions = async (tx: Transaction, rows: ProposalCsvRow[]): Promise<Map<string, string>> => {
  const names = new Set<string>();
  for (const row of rows) {
    if (row.proposerDivision) names.add(row.proposerDivision);
    if (row.responsibleDivision) names.add(row.responsibleDivision);
  }
  const ids = new Map<string, string>();
  for (const part of chunk([...names])) {
    const created = await ensureDivisions(
      tx,
      part.map((name) => ({ name })),
    );
    for (const [name, id] of created) ids.set(name, id);
  }
  return ids;
};

/** The people the rows name by e-mail, created when unknown: `email:<address>` → user id. */
const createPeople = async (
  tx: Transaction,
  people: Map<string, { email: string; name: string; division: string | null }>,
  divisionIds: Map<string, string>,
): Promise<Map<string, string>> => {
  const ids = new Map<string, string>();
  const known = await findUsersByEmails(
    tx,
    [...people.values()].map((person) => person.email),
  );
  for (const user of known) ids.set(`email:${personKey(user.email!)}`, user.id);
  for (const [key, person] of people) {
    if (ids.has(`email:${key}`)) continue;
    const user = await upsertUserByEmail(tx, {
      email: person.email,
      displayName: person.name,
      divisionId: person.division ? (divisionIds.get(person.division) ?? null) : null,
    });
    ids.set(`email:${key}`, user.id);
  }
  return ids;
};

/**
 * Explicit numbers raise their fiscal year's counter first; rows without one then take the next
 * numbers of the fiscal year of their submission date, in file order.
 */
const assignNumbers = async (tx: Transaction, rows: ProposalCsvRow[]) => {
  const highest = new Map<number, number>();
  const unnumbered = new Map<number, ProposalCsvRow[]>();
  for (const row of rows) {
    if (row.number) {
      highest.set(row.fiscalYear, Math.max(highest.get(row.fiscalYear) ?? 0, row.number.sequence));
      continue;
    }
    const group = unnumbered.get(row.fiscalYear);
    if (group) group.push(row);
    else unnumbered.set(row.fiscalYear, [row]);
  }
  for (const [fiscalYear, sequence] of highest) await honourProposalNumbers(tx, fiscalYear, sequence);
  const taken = new Map<ProposalCsvRow, ProposalNumber>();
  for (const [fiscalYear, group] of unnumbered) {
    const numbers = await reserveProposalNumbers(tx, fiscalYear, group.length);
    group.forEach((row, index) => taken.set(row, numbers[index]!));
  }
  return (row: ProposalCsvRow): ProposalNumber =>
    row.number ? { sequence: row.number.sequence, number: row.number.text } : taken.get(row)!;
};

/**
 * 推進室's bulk import of proposals (docs/csv-format.md). Every row is checked first, against the
 * shared rules and the database; if any row is wrong nothing is written and the error lists each
 * bad row. Otherwise everything is written in one transaction: missing divisions and people are
 * created, numbers taken or honoured, and each proposal gets one 'imported' history entry.
 */
export const importProposalsCsv = async (
  db: Database,
  command: ImportProposalsCommand,
): Promise<ImportProposalsResult> => {
  if (command.actor && !canTriage(command.actor)) {
    throw new AppError('FORBIDDEN', { message: 'CSV import requires the office role' });
  }
  if (!Buffer.isBuffer(command.content)) {
    throw new AppError('VALIDATION', {
      message: 'CSV import without a CSV body',
      userMessage: 'CSV ファイルを送ってください（Content-Type: text/csv）。',
    });
  }
  const file = parseFile(command.content);
  const { rows } = file;
  try {
    return await db.transaction(async (tx) => {
      const { existing, projectIds, people, personOf } = await resolveReferences(tx, file);
      const actorId = command.actor?.userId ?? null;

      const divisionIds = await createDivisions(tx, rows);
      const userIds = await createPeople(tx, people, divisionIds);
      const userIdOf = (key: string) => (key.startsWith('id:') ? key.slice(3) : userIds.get(key)!);
      const numberOf = await assignNumbers(tx, rows);

      const ids = new Map(rows.map((row) => [row, randomUUID()]));
      const idOfNumber = new Map(rows.map((row) => [numberOf(row).number, ids.get(row)!]));
      const values: NewProposalRow[] = insertionOrder(rows).map((row) => ({
        id: ids.get(row)!,
        fiscalYear: row.fiscalYear,
        sequence: numberOf(row).sequence,
        number: numberOf(row).number,
        title: row.title,
        body: row.body,
        category: row.category,
        expectedEffect: row.expectedEffect,
        proposerId: row.proposerEmail ? userIdOf(`email:${personKey(row.proposerEmail)}`) : null,
        proposerName: row.proposerName,
        proposerDivisionId: row.proposerDivision ? divisionIds.get(row.proposerDivision)! : null,
        responsibleDivisionId: row.responsibleDivision ? divisionIds.get(row.responsibleDivision)! : null,
        horizon: row.horizon,
        status: row.status,
        blockReason: row.blockReason,
        blockReasonNote: row.blockReasonNote,
        revisitOn: row.revisitOn,
        answer: row.answer,
        answeredAt: row.answer ? (row.realisedAt ?? row.submittedAt) : null,
        mergedIntoId: row.mergedInto
          ? (idOfNumber.get(row.mergedInto) ?? existing.get(row.mergedInto)!)
          : null,
        isPublished: row.isPublished,
        submittedAt: row.submittedAt,
        realisedAt: row.realisedAt,
      }));
      await insertProposalRows(tx, values);

      await insertCoProposerRows(
        tx,
        rows.flatMap((row) => {
          const proposerId = row.proposerEmail ? userIdOf(`email:${personKey(row.proposerEmail)}`) : null;
          const coIds = new Set(row.coProposers.map((person) => userIdOf(personOf(person))));
          coIds.delete(proposerId ?? '');
          return [...coIds].map((userId) => ({ proposalId: ids.get(row)!, userId }));
        }),
      );
      await insertProjectLinkRows(
        tx,
        rows.flatMap((row) =>
          row.projects.map((project) => ({
            proposalId: ids.get(row)!,
            projectId: projectIds.get(`${project.fiscalYear}-${project.themeNo}-${project.itemNo}`)!,
            linkedBy: actorId,
          })),
        ),
      );
      await appendHistory(
        tx,
        rows.map((row) => ({
          proposalId: ids.get(row)!,
          actorId,
          action: 'imported' as const,
          changes: { status: { from: null, to: row.status } },
          comment: 'CSV取込',
        })),
      );

      const result = { imported: rows.length, numbers: rows.map((row) => numberOf(row).number) };
      if (command.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', {
        message: 'CSV import collided with a concurrent change',
        userMessage: '取込中に他の操作で同じ提案番号が登録されました。もう一度取り込んでください。',
        cause: error,
      });
    }
    throw error;
  }
};
