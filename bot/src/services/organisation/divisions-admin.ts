import {
  AppError,
  DivisionCreateSchema,
  DivisionMergeSchema,
  DivisionUpdateSchema,
  parseWith,
  type Actor,
  type DivisionMergeResultDto,
  type OrgDivisionDto,
  type OrgDivisionListDto,
} from '#shared';
import type { Database, Executor, Transaction } from '../../data/database';
import {
  findAncestorIds,
  findDivisionClash,
  findOrganisation,
  insertDivision,
  lockDivisions,
  moveDivisionReferences,
  updateDivision,
  type DivisionFields,
} from '../../data/repositories/divisions-repository';
import { moveMappingsToDivision } from '../../data/repositories/department-mappings-repository';
import { appendMasterDataChange } from '../../data/repositories/master-data-changes-repository';
import type { DivisionRow } from '../../data/schema/index';
import { divisionNotFound, requireActiveDivision, requireOrgAdmin, requireOrgViewer } from './org-access';

/**
 * 組織: admins add, edit, rename, retire and merge divisions; the office looks. A division is never
 * deleted (proposals and stamps keep the division they were made in): a rename keeps its id, so
 * statistics of the past show under the new name; a retired one gets nothing new; a merged one hands
 * every reference to the survivor. Each change is written with its audit row in one transaction.
 */

type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>>[number];

const toDto = ({ division, parentName, mergedIntoName, userCount }: OrganisationRow): OrgDivisionDto => ({
  id: division.id,
  code: division.code,
  name: division.name,
  kind: division.kind,
  parent: division.parentId ? { id: division.parentId, name: parentName ?? '' } : null,
  sortOrder: division.sortOrder,
  isActive: division.isActive,
  mergedInto: division.mergedIntoId ? { id: division.mergedIntoId, name: mergedIntoName ?? '' } : null,
  userCount: Number(userCount),
});

const loadDto = async (db: Executor, id: string): Promise<OrgDivisionDto> => {
  const row = (await findOrganisation(db)).find((candidate) => candidate.division.id === id);
  if (!row) throw divisionNotFound(id);
  return toDto(row);
};

/** What the audit trail keeps of a division, before and after. */
export const divisionSnapshot = (row: DivisionRow): Record<string, unknown> => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  parentId: row.parentId,
  sortOrder: row.sortOrder,
  isActive: row.isActive,
  mergedIntoId: row.mergedIntoId,
});

/** `GET /api/org/divisions`: every division, retired ones too. */
export const listOrganisation = async (db: Database, actor: Actor): Promise<OrgDivisionListDto> => {
  requireOrgViewer(actor);
  return { items: (await findOrganisation(db)).map(toDto) };
};

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION', {
    message: `Division ${path}: ${message}`,
    userMessage: message,
    details: [{ path, message }],
  });

/** Code and name are unique among all divisions, retired ones included (their history names them). */
const requireUnique = async (
  db: Executor,
  fields: { code?: string | undefined; name?: string | undefined },
  exceptId?: string,
) => {
  const clash = await findDivisionClash(db, fields, exceptId);
  if (clash === 'code') throw invalid('code', `組織コード「${fields.code}」はほかの組織で使われています。`);
  if (clash === 'name') throw invalid('name', `組織名「${fields.name}」はほかの組織で使われています。`);
};

/** A parent must be active and must not be the division itself or one of its descendants. */
const requireParent = async (db: Executor, parentId: string, childId?: string) => {
  if (parentId === childId) throw invalid('parentId', '自分自身を上位組織にはできません。');
  await requireActiveDivision(db, parentId);
  if (childId && (await findAncestorIds(db, parentId)).includes(childId))
    throw invalid('parentId', '配下の組織を上位組織にはできません。');
};

/** `POST /api/org/divisions`. */
export const createDivision = async (db: Database, actor: Actor, body: unknown): Promise<OrgDivisionDto> => {
  requireOrgAdmin(actor);
  const input = parseWith(DivisionCreateSchema, body);
  const id = await db.transaction(async (tx) => {
    await requireUnique(tx, input);
    if (input.parentId) await requireParent(tx, input.parentId);
    const row = await insertDivision(tx, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId,
      sortOrder: input.sortOrder,
      isActive: true,
    });
    await appendMasterDataChange(tx, {
      entity: 'division',
      entityKey: row.id,
      action: 'create',
      actorId: actor.userId,
      before: null,
      after: divisionSnapshot(row),
      reason: input.reason ?? null,
    });
    return row.id;
  });
  return loadDto(db, id);
};

export const divisionActionOf = (before: DivisionRow, patch: Partial<DivisionFields>): string => {
  if (patch.isActive === false && before.isActive) return 'retire';
  if (patch.isActive === true && !before.isActive) return 'reactivate';
  return patch.name !== undefined && patch.name !== before.name ? 'rename' : 'update';
};

/** The fields of the request that differ from the row. */
const changedFields = (row: DivisionRow, input: Partial<DivisionFields>): Partial<DivisionFields> =>
  Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => value !== undefined && row[key as keyof DivisionFields] !== value,
    ),
  ) as Partial<DivisionFields>;

const checkRetirement = async (tx: Transaction, row: DivisionRow) => {
  const children = (await findOrganisation(tx)).filter(
    (candidate) => candidate.division.parentId === row.id && candidate.division.isActive,
  );
  if (children.length > 0)
    throw invalid(
      'isActive',
      `配下に有効な組織（${children.map((child) => child.division.name).join('、')}）があるため廃止できません。先に配下の組織を移すか廃止してください。`,
    );
};

/** `PATCH /api/org/divisions/:id`: nothing changes (and nothing is recorded) when all is as asked. */
export const changeDivision = async (
  db: Database,
  actor: Actor,
  id: string,
  body: unknown,
): Promise<OrgDivisionDto> => {
  requireOrgAdmin(actor);
  const { reason, ...input } = parseWith(DivisionUpdateSchema, body);
  await db.transaction(async (tx) => {
    const row = (await lockDivisions(tx, [id])).get(id);
    if (!row) throw divisionNotFound(id);
    const patch = changedFields(row, input);
    if (Object.keys(patch).length === 0) return;
    if (patch.isActive === true && row.mergedIntoId)
      throw invalid('isActive', '統合された組織は再び有効にできません。');
    await requireUnique(tx, { code: patch.code, name: patch.name }, id);
    if (patch.parentId) await requireParent(tx, patch.parentId, id);
    if (patch.isActive === false) await checkRetirement(tx, row);
    const after = await updateDivision(tx, id, patch);
    await appendMasterDataChange(tx, {
      entity: 'division',
      entityKey: id,
      action: divisionActionOf(row, patch),
      actorId: actor.userId,
      before: divisionSnapshot(row),
      after: divisionSnapshot(after),
      reason: reason ?? null,
    });
  });
  return loadDto(db, id);
};

/**
 * `POST /api/org/divisions/:id/merge`: every reference of the division (people, proposals as
 * proposer's and as 所管課, stamps, 重点案件, child divisions, directory mappings) moves to `intoId`,
 * whose statistics then include them (the dashboard counts follow in the same transaction); the
 * merged division is retired and names its successor. Both divisions' histories record it.
 */
export const mergeDivision = async (
  db: Database,
  actor: Actor,
  id: string,
  body: unknown,
): Promise<DivisionMergeResultDto> => {
  requireOrgAdmin(actor);
  const input = parseWith(DivisionMergeSchema, body);
  if (input.intoId === id) throw invalid('intoId', '同じ組織には統合できません。');
  const moved = await db.transaction(async (tx) => {
    const locked = await lockDivisions(tx, [id, input.intoId]);
    const from = locked.get(id);
    const into = locked.get(input.intoId);
    if (!from) throw divisionNotFound(id);
    if (!into) throw divisionNotFound(input.intoId);
    if (from.mergedIntoId) throw invalid('intoId', `「${from.name}」はすでに統合されています。`);
    if (!into.isActive) throw invalid('intoId', `統合先の「${into.name}」は廃止された組織です。`);
    if ((await findAncestorIds(tx, into.id)).includes(from.id))
      throw invalid('intoId', '配下の組織には統合できません。');
    const counts = {
      ...(await moveDivisionReferences(tx, from.id, into.id)),
      departmentMappings: await moveMappingsToDivision(tx, from.id, into.id),
    };
    const after = await updateDivision(tx, from.id, { isActive: false, mergedIntoId: into.id });
    const reason = input.reason ?? null;
    await appendMasterDataChange(tx, {
      entity: 'division',
      entityKey: from.id,
      action: 'merge',
      actorId: actor.userId,
      before: divisionSnapshot(from),
      after: { ...divisionSnapshot(after), moved: counts },
      reason,
    });
    await appendMasterDataChange(tx, {
      entity: 'division',
      entityKey: into.id,
      action: 'merge_in',
      actorId: actor.userId,
      before: null,
      after: { mergedFromId: from.id, mergedFromName: from.name, moved: counts },
      reason,
    });
    return counts;
  });
  return { into: await loadDto(db, input.intoId), moved };
};
