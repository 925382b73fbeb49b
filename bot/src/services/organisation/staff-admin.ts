import {
  AppError,
  effectiveRolesOf,
  parseWith,
  searchTerms,
  tokyoDate,
  UserDivisionUpdateSchema,
  type Actor,
  type StaffListParams,
  type StaffPageDto,
  type StaffUserDto,
  type UserDivisionUpdateResultDto,
} from '#shared';
import type { Database, Executor } from '../../data/database';
import { appendMasterDataChange } from '../../data/repositories/master-data-changes-repository';
import {
  lockUserDivision,
  moveUserDivisionSince,
  searchStaff,
} from '../../data/repositories/user-divisions-repository';
import { requireActiveDivision, requireOrgAdmin, requireOrgViewer } from './org-access';

/**
 * 職員: the office finds people and sees their 所属 and roles (所属未設定 is its queue); admins correct
 * a 所属 with the date it took effect. Roles stay with 権限管理.
 */

type StaffRow = Awaited<ReturnType<typeof searchStaff>>['rows'][number];

const toDto = ({ user, divisionName, divisionIsActive }: StaffRow): StaffUserDto => ({
  id: user.id,
  displayName: user.displayName,
  email: user.email,
  division:
    user.divisionId && divisionName
      ? { id: user.divisionId, name: divisionName, isActive: divisionIsActive ?? true }
      : null,
  directoryDepartment: user.directoryDepartment,
  hasEntraAccount: user.aadObjectId !== null,
  effectiveRoles: effectiveRolesOf(user.roles, user.entraRoles),
});

/** `GET /api/org/users`. */
export const listStaff = async (
  db: Database,
  actor: Actor,
  params: StaffListParams,
): Promise<StaffPageDto> => {
  requireOrgViewer(actor);
  const { rows, total } = await searchStaff(db, {
    terms: searchTerms(params.q),
    divisionId: params.divisionId,
    filter: params.filter,
    limit: params.pageSize,
    offset: (params.page - 1) * params.pageSize,
  });
  return { items: rows.map(toDto), total, page: params.page, pageSize: params.pageSize };
};

const userNotFound = (id: string) =>
  new AppError('NOT_FOUND', { message: `User ${id} not found`, userMessage: '職員が見つかりません。' });

const loadStaffUser = async (db: Executor, id: string): Promise<StaffUserDto> => {
  const [row] = (await searchStaff(db, { terms: [], userId: id, limit: 1, offset: 0 })).rows;
  if (!row) throw userNotFound(id);
  return toDto(row);
};

const todayInTokyo = (now: Date): string => {
  const { year, month, day } = tokyoDate(now);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** 00:00 of a Tokyo calendar day as an instant. */
const tokyoMidnight = (date: string): Date => new Date(`${date}T00:00:00+09:00`);

/**
 * `PUT /api/org/users/:id/division`: the 所属 as of the effective date (today or earlier). The
 * person's division becomes the new one, and what they proposed, sent or received from that day on
 * counts for it; anything before keeps the division it was made in. Audited with the date and the
 * records moved. Nothing happens (and nothing is recorded) when all is already so.
 */
export const setUserDivision = async (
  db: Database,
  actor: Actor,
  userId: string,
  body: unknown,
  now = new Date(),
): Promise<UserDivisionUpdateResultDto> => {
  requireOrgAdmin(actor);
  const input = parseWith(UserDivisionUpdateSchema, body);
  if (input.effectiveDate > todayInTokyo(now))
    throw new AppError('VALIDATION', {
      message: 'Effective date in the future',
      userMessage:
        '発令日は今日以前の日付を指定してください（先の日付の異動は、その日になってから登録してください）。',
      details: [{ path: 'effectiveDate', message: '発令日は今日以前の日付を指定してください。' }],
    });
  const result = await db.transaction(async (tx) => {
    const current = await lockUserDivision(tx, userId);
    if (!current) throw userNotFound(userId);
    await requireActiveDivision(tx, input.divisionId);
    const moved = await moveUserDivisionSince(
      tx,
      userId,
      input.divisionId,
      tokyoMidnight(input.effectiveDate),
    );
    const changed = current.divisionId !== input.divisionId || Object.values(moved).some((n) => n > 0);
    if (changed)
      await appendMasterDataChange(tx, {
        entity: 'user_division',
        entityKey: userId,
        action: 'assign',
        actorId: actor.userId,
        before: { divisionId: current.divisionId },
        after: { divisionId: input.divisionId, effectiveDate: input.effectiveDate, moved },
        reason: input.reason ?? null,
      });
    return { changed, moved };
  });
  return { user: await loadStaffUser(db, userId), ...result };
};
