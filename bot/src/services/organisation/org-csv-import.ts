import { type Actor, type OrgImportResultDto } from '#shared';
import type { Database, Transaction } from '../../data/database';
import {
  findOrganisation,
  insertDivision,
  lockAllDivisions,
  updateDivision,
  type DivisionFields,
} from '../../data/repositories/divisions-repository';
import { appendMasterDataChange } from '../../data/repositories/master-data-changes-repository';
import type { DivisionRow } from '../../data/schema/index';
import type { RowErrors } from '../csv/parse-import-file';
import { divisionActionOf, divisionSnapshot } from './divisions-admin';
import { orgCsvText, type OrgCsvRow } from './org-csv-format';
import { parseOrgCsvFile } from './org-csv-file';
import { requireOrgAdmin, requireOrgViewer } from './org-access';

/** `GET /api/org/divisions/export.csv`: every division, retired ones too, parents by code. */
export const exportOrganisationCsv = async (db: Database, actor: Actor): Promise<string> => {
  requireOrgViewer(actor);
  const rows = await findOrganisation(db);
  const codeOf = new Map(rows.map(({ division }) => [division.id, division.code]));
  return orgCsvText(
    rows.map(({ division }) => ({
      ...division,
      parentCode: division.parentId ? (codeOf.get(division.parentId) ?? null) : null,
    })),
  );
};

interface FinalDivision {
  code: string;
  name: string;
  sortOrder: number;
  parentCode: string | null;
  isActive: boolean;
}

/** The organisation as it would be after the import: the database's, with the file's rows over it. */
const finalState = (current: DivisionRow[], rows: OrgCsvRow[]): Map<string, FinalDivision> => {
  const codeOf = new Map(current.map((row) => [row.id, row.code]));
  const state = new Map<string, FinalDivision>(
    current.map((row) => [
      row.code,
      { ...row, parentCode: row.parentId ? (codeOf.get(row.parentId) ?? null) : null },
    ]),
  );
  for (const row of rows) state.set(row.code, row);
  return state;
};

const parentProblem = (row: OrgCsvRow, state: Map<string, FinalDivision>): string | undefined => {
  if (!row.parentCode) return undefined;
  if (row.parentCode === row.code) return '自分自身を上位組織にはできません。';
  const parent = state.get(row.parentCode);
  if (!parent) return `上位組織コード「${row.parentCode}」の組織がありません。`;
  if (row.isActive && !parent.isActive) return `上位組織「${parent.name}」は廃止されています。`;
  let code: string | null = row.parentCode;
  for (let depth = 0; code && depth < 100; depth += 1) {
    if (code === row.code) return '上位組織の指定が循環しています。';
    code = state.get(code)?.parentCode ?? null;
  }
  return undefined;
};

/** The rules that need the whole organisation: unique names, parents, no cycles, retirements. */
const checkAgainstOrganisation = (rows: OrgCsvRow[], current: DivisionRow[], errors: RowErrors): void => {
  const state = finalState(current, rows);
  const codeOfName = new Map<string, string>();
  for (const division of state.values())
    if (!codeOfName.has(division.name)) codeOfName.set(division.name, division.code);
  const byCode = new Map(current.map((row) => [row.code, row]));
  for (const row of rows) {
    const owner = codeOfName.get(row.name);
    if (owner !== row.code)
      errors.add(row.rowNumber, `組織名「${row.name}」はほかの組織（コード ${owner}）で使われています。`);
    const parent = parentProblem(row, state);
    if (parent) errors.add(row.rowNumber, parent);
    if (row.isActive && byCode.get(row.code)?.mergedIntoId)
      errors.add(row.rowNumber, `「${row.name}」は統合された組織のため有効にできません。`);
    const activeChildren = [...state.values()]
      .filter((d) => d.parentCode === row.code && d.isActive)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
    if (!row.isActive && activeChildren.length > 0)
      errors.add(
        row.rowNumber,
        `配下に有効な組織（${activeChildren.map((d) => d.name).join('、')}）があるため廃止できません。`,
      );
  }
};

const fieldsOf = (row: OrgCsvRow, idOfCode: Map<string, string>): DivisionFields => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  parentId: row.parentCode ? idOfCode.get(row.parentCode)! : null,
  sortOrder: row.sortOrder,
  isActive: row.isActive,
});

const differs = (row: DivisionRow, fields: DivisionFields): boolean =>
  (Object.keys(fields) as (keyof DivisionFields)[]).some((key) => row[key] !== fields[key]);

/** Inserts the new divisions (parents set once all exist), updates the changed ones, audits each. */
const writeImport = async (tx: Transaction, actor: Actor, rows: OrgCsvRow[], current: DivisionRow[]) => {
  const byCode = new Map(current.map((row) => [row.code, row]));
  const idOfCode = new Map(current.map((row) => [row.code, row.id]));
  const created = new Map<string, DivisionRow>();
  for (const row of rows.filter((candidate) => !byCode.has(candidate.code))) {
    const inserted = await insertDivision(tx, { ...fieldsOf(row, new Map()), parentId: null });
    created.set(row.code, inserted);
    idOfCode.set(row.code, inserted.id);
  }
  const counts = { created: created.size, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const before = byCode.get(row.code) ?? created.get(row.code)!;
    const fields = fieldsOf(row, idOfCode);
    const isNew = created.has(row.code);
    if (!isNew && !differs(before, fields)) {
      counts.unchanged += 1;
      continue;
    }
    const after = differs(before, fields) ? await updateDivision(tx, before.id, fields) : before;
    if (!isNew) counts.updated += 1;
    await appendMasterDataChange(tx, {
      entity: 'division',
      entityKey: before.id,
      action: isNew ? 'create' : divisionActionOf(before, fields),
      actorId: actor.userId,
      before: isNew ? null : divisionSnapshot(before),
      after: divisionSnapshot(after),
      reason: 'CSVから取込',
    });
  }
  return counts;
};

/**
 * `POST /api/org/divisions/import`: divisions by 組織コード — new codes are added, known ones updated
 * (rename, kind, parent, order, 有効／廃止); divisions not in the file stay as they are. All or
 * nothing: any bad row refuses the whole file with every row's problem, and a dry run only counts.
 */
export const importOrganisationCsv = async (
  db: Database,
  actor: Actor,
  content: Buffer,
  dryRun: boolean,
): Promise<OrgImportResultDto> => {
  requireOrgAdmin(actor);
  const { rows, errors } = parseOrgCsvFile(content);
  const counts = await db.transaction(async (tx) => {
    const current = await lockAllDivisions(tx);
    checkAgainstOrganisation(rows, current, errors);
    errors.throwIfAny();
    if (!dryRun) return writeImport(tx, actor, rows, current);
    const byCode = new Map(current.map((row) => [row.code, row]));
    const idOfCode = new Map(current.map((row) => [row.code, row.id]));
    const known = rows.filter((row) => byCode.has(row.code));
    // New parents have no id yet: any placeholder differs from a real one, as it will.
    const changed = known.filter((row) => differs(byCode.get(row.code)!, fieldsOf(row, idOfCode))).length;
    return { created: rows.length - known.length, updated: changed, unchanged: known.length - changed };
  });
  return { dryRun, ...counts };
};
