// The proposal CSV import's use case: check the request, parse the file (parse-import-file.ts), then in
// one transaction resolve what the rows refer to (resolve-import-references.ts) and write everything.
// All or nothing: any bad row throws before the first write, and a dry run rolls the transaction back.
import { randomUUID } from 'node:crypto';
import { AppError, canTriage, type Actor } from '#shared';
import { chunk } from '../../data/chunk';
import type { Database, Transaction } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { ensureDivisions, findDivisionsByNames } from '../../data/repositories/divisions-repository';
import {
  analyzeProposals,
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
import { findUsersByEmails, upsertUserByEmail } from '../../data/repositories/users-repository';
import type { NewProposalRow } from '../../data/schema/index';
import { insertionOrder, parseImportFile } from './parse-import-file';
import { csvCategoriesOf } from './proposal-csv-row-parts';
import type { ProposalCsvRow } from './proposal-csv-rows';
import {
  personKey,
  projectKey,
  resolveImportReferences,
  type FilePerson,
  type ImportReferences,
} from './resolve-import-references';

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
  /**
   * 所属 and 所管課 names no division has yet, in file order: the import creates them. Shown before and
   * after, so that a misspelt name is noticed rather than becoming a division of its own.
   */
  newDivisions: string[];
}

class DryRunRollback extends Error {
  constructor(readonly result: ImportProposalsResult) {
    super('dry run');
  }
}

/** The divisions the rows name, created when unknown: name → id, and the names created. */
const createDivisions = async (
  tx: Transaction,
  rows: ProposalCsvRow[],
): Promise<{ ids: Map<string, string>; created: string[] }> => {
  const names = new Set<string>();
  for (const row of rows) {
    if (row.proposerDivision) names.add(row.proposerDivision);
    if (row.responsibleDivision) names.add(row.responsibleDivision);
  }
  const ids = new Map<string, string>();
  const created: string[] = [];
  for (const part of chunk([...names])) {
    const known = await findDivisionsByNames(tx, part);
    const missing = part.filter((name) => !known.has(name));
    const added = await ensureDivisions(
      tx,
      missing.map((name) => ({ name })),
    );
    created.push(...missing);
    for (const [name, id] of [...known, ...added]) ids.set(name, id);
  }
  return { ids, created };
};

/** The people the rows name by e-mail, created when unknown: `email:<address>` → user id. */
const createPeople = async (
  tx: Transaction,
  people: Map<string, FilePerson>,
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

/** The ids and numbers the written rows were given, and those of what they refer to. */
interface WrittenIds {
  proposalIdOf: (row: ProposalCsvRow) => string;
  numberOf: (row: ProposalCsvRow) => ProposalNumber;
  /** By person key (`email:<address>` or `id:<user id>`). */
  userIdOf: (key: string) => string;
  divisionIds: Map<string, string>;
}

const proposerIdOf = (row: ProposalCsvRow, ids: WrittenIds) =>
  row.proposerEmail ? ids.userIdOf(`email:${personKey(row.proposerEmail)}`) : null;

/** The proposals table's row for a CSV row; a merge target is in the file or already registered. */
const proposalRowOf = (
  row: ProposalCsvRow,
  ids: WrittenIds,
  mergeTargetIdOf: (number: string) => string,
): NewProposalRow => ({
  id: ids.proposalIdOf(row),
  fiscalYear: row.fiscalYear,
  sequence: ids.numberOf(row).sequence,
  number: ids.numberOf(row).number,
  title: row.title,
  body: row.body,
  category: row.category,
  expectedEffect: row.expectedEffect,
  proposerId: proposerIdOf(row, ids),
  proposerName: row.proposerName,
  proposerDivisionId: row.proposerDivision ? ids.divisionIds.get(row.proposerDivision)! : null,
  responsibleDivisionId: row.responsibleDivision ? ids.divisionIds.get(row.responsibleDivision)! : null,
  horizon: row.horizon,
  status: row.status,
  blockReason: row.blockReason,
  blockReasonNote: row.blockReasonNote,
  revisitOn: row.revisitOn,
  answer: row.answer,
  answeredAt: row.answer ? (row.realisedAt ?? row.submittedAt) : null,
  mergedIntoId: row.mergedInto ? mergeTargetIdOf(row.mergedInto) : null,
  isPublished: row.isPublished,
  submittedAt: row.submittedAt,
  realisedAt: row.realisedAt,
});

/** Co-proposers, project links and the one 'imported' history entry of each written proposal. */
const insertRelations = async (
  tx: Transaction,
  rows: ProposalCsvRow[],
  ids: WrittenIds,
  { projectIds, personOf }: ImportReferences,
  actorId: string | null,
) => {
  await insertCoProposerRows(
    tx,
    rows.flatMap((row) => {
      const proposerId = proposerIdOf(row, ids);
      const coIds = new Set(row.coProposers.map((person) => ids.userIdOf(personOf(person))));
      coIds.delete(proposerId ?? '');
      return [...coIds].map((userId) => ({ proposalId: ids.proposalIdOf(row), userId }));
    }),
  );
  await insertProjectLinkRows(
    tx,
    rows.flatMap((row) =>
      row.projects.map((project) => ({
        proposalId: ids.proposalIdOf(row),
        projectId: projectIds.get(projectKey(project))!,
        linkedBy: actorId,
      })),
    ),
  );
  await appendHistory(
    tx,
    rows.map((row) => ({
      proposalId: ids.proposalIdOf(row),
      actorId,
      action: 'imported' as const,
      changes: { status: { from: null, to: row.status } },
      comment: 'CSV取込',
    })),
  );
};

/**
 * Writes checked rows: missing divisions and people first, then the numbers, the proposals (merge
 * targets before the proposals merged into them) and what hangs off them.
 */
const writeProposals = async (
  tx: Transaction,
  rows: ProposalCsvRow[],
  references: ImportReferences,
  actorId: string | null,
): Promise<ImportProposalsResult> => {
  const { ids: divisionIds, created: newDivisions } = await createDivisions(tx, rows);
  const userIds = await createPeople(tx, references.people, divisionIds);
  const numberOf = await assignNumbers(tx, rows);
  const proposalIds = new Map(rows.map((row) => [row, randomUUID()]));
  const ids: WrittenIds = {
    proposalIdOf: (row) => proposalIds.get(row)!,
    numberOf,
    userIdOf: (key) => (key.startsWith('id:') ? key.slice(3) : userIds.get(key)!),
    divisionIds,
  };
  const idOfNumber = new Map(rows.map((row) => [numberOf(row).number, proposalIds.get(row)!]));
  const mergeTargetIdOf = (number: string) => idOfNumber.get(number) ?? references.existing.get(number)!;

  await insertProposalRows(
    tx,
    insertionOrder(rows).map((row) => proposalRowOf(row, ids, mergeTargetIdOf)),
  );
  await insertRelations(tx, rows, ids, references, actorId);
  return { imported: rows.length, numbers: rows.map((row) => numberOf(row).number), newDivisions };
};

/** Only 推進室 (or the system) may import, and only a CSV body. */
const importedContent = (command: ImportProposalsCommand): Buffer => {
  if (command.actor && !canTriage(command.actor)) {
    throw new AppError('FORBIDDEN', { message: 'CSV import requires the office role' });
  }
  if (!Buffer.isBuffer(command.content)) {
    throw new AppError('VALIDATION', {
      message: 'CSV import without a CSV body',
      userMessage: 'CSV ファイルを送ってください（Content-Type: text/csv）。',
    });
  }
  return command.content;
};

/** An import at least this large changes the table enough to plan its queries again (analyzeProposals). */
const analyzeAfterRows = 1_000;

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
  const file = parseImportFile(importedContent(command), await csvCategoriesOf(db));
  try {
    const result = await db.transaction(async (tx) => {
      const references = await resolveImportReferences(tx, file);
      const written = await writeProposals(tx, file.rows, references, command.actor?.userId ?? null);
      // A dry run does everything, numbers included, then rolls back by throwing out of the transaction.
      if (command.dryRun) throw new DryRunRollback(written);
      return written;
    });
    // Statistics only speed the next queries up (autovacuum refreshes them too): the import stands.
    if (result.imported >= analyzeAfterRows) await analyzeProposals(db).catch(() => undefined);
    return result;
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
