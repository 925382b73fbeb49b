import {
  AppError,
  CategoryCreateSchema,
  CategoryUpdateSchema,
  hasRole,
  MasterDataOrderSchema,
  parseWith,
  StampKindCreateSchema,
  StampKindUpdateSchema,
  type Actor,
  type MasterDataChangeDto,
  type MasterDataEntity,
  type ProposalCategoryDto,
  type StampKind,
} from '#shared';
import type { Database, Executor } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import {
  findMasterDataChanges,
  appendMasterDataChange,
} from '../../data/repositories/master-data-changes-repository';
import {
  findCategories,
  findCategory,
  findStampKind,
  insertCategory,
  insertStampKind,
  lockCategories,
  lockStampKinds,
  updateCategory,
  updateStampKind,
} from '../../data/repositories/master-data-repository';
import { findStampKinds } from '../../data/repositories/stamps-repository';

/**
 * 分類 and スタンプ種別 as the office and admins manage them (the 「分類・スタンプ」 page): add, rename,
 * reorder, retire or bring back, and for stamp kinds the emoji and whether it is the 1on1
 * invitation. Each change is one transaction with its audit entry (who, when, before and after).
 * Codes never change: proposals and stamps keep them, so a retired entry stays on old records.
 */
const requireManager = (actor: Actor): void => {
  if (!hasRole(actor, 'office')) {
    throw new AppError('FORBIDDEN', {
      message: 'Master data requires the office or admin role',
      userMessage: '分類とスタンプの種類は、推進室または管理者のみが変更できます。',
    });
  }
};

const notFound = (what: string, code: string) =>
  new AppError('NOT_FOUND', {
    message: `${what} ${code} not found`,
    userMessage: `${what}が見つかりません。`,
  });

const taken = (message: string, path: string) =>
  new AppError('CONFLICT', { userMessage: message, details: [{ path, message }] });

const audit = (
  tx: Executor,
  actor: Actor,
  entity: MasterDataEntity,
  change: { key: string; action: string; before: object | null; after: object | null },
) =>
  appendMasterDataChange(tx, {
    entity,
    entityKey: change.key,
    action: change.action,
    actorId: actor.userId,
    before: change.before as Record<string, unknown> | null,
    after: change.after as Record<string, unknown> | null,
  });

/** Every category (retired ones marked): what filters, CSV and the statistics name. Everyone reads it. */
export const listCategories = (db: Database): Promise<ProposalCategoryDto[]> => findCategories(db);

export const createCategory = async (db: Database, actor: Actor, input: unknown) => {
  requireManager(actor);
  const data = parseWith(CategoryCreateSchema, input);
  return db.transaction(async (tx) => {
    const created = await insertCategory(tx, data);
    if (!created) throw taken('同じコードまたは分類名の分類がすでにあります。', 'code');
    await audit(tx, actor, 'category', { key: created.code, action: 'create', before: null, after: created });
    return created;
  });
};

/** The action an edit is recorded as: retire and restore are named, anything else is an update. */
const actionOf = (before: { isActive: boolean }, patch: { isActive?: boolean | undefined }) =>
  patch.isActive === undefined || patch.isActive === before.isActive
    ? 'update'
    : patch.isActive
      ? 'restore'
      : 'retire';

export const changeCategory = async (db: Database, actor: Actor, code: string, input: unknown) => {
  requireManager(actor);
  const patch = parseWith(CategoryUpdateSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const before = await findCategory(tx, code);
      if (!before) throw notFound('分類', code);
      const after = await updateCategory(tx, code, patch);
      await audit(tx, actor, 'category', {
        key: code,
        action: actionOf(before, patch),
        before,
        after: after!,
      });
      return after!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken('同じ名前の分類がすでにあります。', 'label');
    throw error;
  }
};

/** The new order must name every entry once: a list edited meanwhile is refused, not half applied. */
const assertSameEntries = (current: readonly { code: string }[], codes: readonly string[]) => {
  const known = new Set(current.map((entry) => entry.code));
  if (
    codes.length !== known.size ||
    new Set(codes).size !== codes.length ||
    !codes.every((c) => known.has(c))
  ) {
    throw new AppError('CONFLICT', {
      userMessage: '一覧が他の人によって変更されました。画面を更新してから並べ替えてください。',
    });
  }
};

const reorder = async <T extends { code: string; sortOrder: number }>(
  db: Database,
  actor: Actor,
  input: unknown,
  list: {
    entity: MasterDataEntity;
    lock: (tx: Executor) => Promise<T[]>;
    update: (tx: Executor, code: string, patch: { sortOrder: number }) => Promise<T | undefined>;
  },
): Promise<T[]> => {
  requireManager(actor);
  const { codes } = parseWith(MasterDataOrderSchema, input);
  return db.transaction(async (tx) => {
    const current = await list.lock(tx);
    assertSameEntries(current, codes);
    const before = current.map((entry) => entry.code);
    for (const [index, code] of codes.entries()) await list.update(tx, code, { sortOrder: (index + 1) * 10 });
    await audit(tx, actor, list.entity, {
      key: '*',
      action: 'reorder',
      before: { order: before },
      after: { order: codes },
    });
    return list.lock(tx);
  });
};

export const reorderCategories = (db: Database, actor: Actor, input: unknown) =>
  reorder(db, actor, input, { entity: 'category', lock: lockCategories, update: updateCategory });

/** Every stamp kind, retired ones included (the page); forms read only the active ones. */
export const listStampKindsForManagers = async (db: Database, actor: Actor): Promise<StampKind[]> => {
  requireManager(actor);
  return findStampKinds(db);
};

export const createStampKind = async (db: Database, actor: Actor, input: unknown) => {
  requireManager(actor);
  const data = parseWith(StampKindCreateSchema, input);
  return db.transaction(async (tx) => {
    const created = await insertStampKind(tx, data);
    if (!created) throw taken('同じコードのスタンプがすでにあります。', 'code');
    await audit(tx, actor, 'stamp_kind', {
      key: created.code,
      action: 'create',
      before: null,
      after: created,
    });
    return created;
  });
};

export const changeStampKind = async (db: Database, actor: Actor, code: string, input: unknown) => {
  requireManager(actor);
  const patch = parseWith(StampKindUpdateSchema, input);
  return db.transaction(async (tx) => {
    const before = await findStampKind(tx, code);
    if (!before) throw notFound('スタンプの種類', code);
    const after = await updateStampKind(tx, code, patch);
    await audit(tx, actor, 'stamp_kind', {
      key: code,
      action: actionOf(before, patch),
      before,
      after: after!,
    });
    return after!;
  });
};

export const reorderStampKinds = (db: Database, actor: Actor, input: unknown) =>
  reorder(db, actor, input, { entity: 'stamp_kind', lock: lockStampKinds, update: updateStampKind });

/** The audit trail of one list, newest first (the page's 変更履歴). */
export const listMasterDataChanges = async (
  db: Database,
  actor: Actor,
  entity: MasterDataEntity,
): Promise<MasterDataChangeDto[]> => {
  requireManager(actor);
  const rows = await findMasterDataChanges(db, { entity, limit: 100 });
  return rows.map(({ change, actorName }) => ({
    id: change.id,
    entityKey: change.entityKey,
    action: change.action,
    actor: change.actorId ? { id: change.actorId, displayName: actorName ?? '' } : null,
    before: change.before,
    after: change.after,
    createdAt: change.createdAt.toISOString(),
  }));
};
