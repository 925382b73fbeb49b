import {
  AppError,
  DepartmentMappingUpdateSchema,
  parseWith,
  type Actor,
  type DepartmentMappingDto,
  type DepartmentMappingListDto,
  type DepartmentMappingUpdateResultDto,
  type DirectorySyncResultDto,
} from '#shared';
import type { Database, Executor } from '../../data/database';
import {
  findAllMappings,
  findUsersWaitingForMapping,
  getSyncState,
  lockMapping,
  updateMapping,
} from '../../data/repositories/department-mappings-repository';
import { appendMasterDataChange } from '../../data/repositories/master-data-changes-repository';
import { updateUserDivision } from '../../data/repositories/user-divisions-repository';
import { tokyoDateText } from './department-mapping';
import { runDirectorySync, type DirectoryDeltaSource } from './directory-sync';
import { requireActiveDivision, requireOrgAdmin, requireOrgViewer } from './org-access';

/**
 * 「Entraの部署名 → 所属」: the office sees the names the directory reported (those waiting for review
 * first) and how the last sync went; admins map a name to a division, or mark it 対象外.
 */
type MappingRow = Awaited<ReturnType<typeof findAllMappings>>[number];

const toDto = ({ mapping, divisionName }: MappingRow): DepartmentMappingDto => ({
  id: mapping.id,
  departmentName: mapping.departmentName,
  state: mapping.state,
  division: mapping.divisionId ? { id: mapping.divisionId, name: divisionName ?? '' } : null,
  userCount: mapping.userCount,
  lastSeenAt: mapping.lastSeenAt?.toISOString() ?? null,
});

/** `GET /api/org/department-mappings`. */
export const listDepartmentMappings = async (
  db: Database,
  actor: Actor,
  syncEnabled: boolean,
): Promise<DepartmentMappingListDto> => {
  requireOrgViewer(actor);
  const state = await getSyncState(db, 'users');
  return {
    items: (await findAllMappings(db)).map(toDto),
    sync: {
      enabled: syncEnabled,
      lastRunAt: state?.lastRunAt?.toISOString() ?? null,
      lastResult: state?.lastResult ?? null,
    },
  };
};

const loadDto = async (db: Executor, id: string) =>
  toDto((await findAllMappings(db)).find((row) => row.mapping.id === id)!);

/**
 * `PUT /api/org/department-mappings/:id`. Mapping a name gives its people a 所属 from today: those
 * without one, and those in the division it named before (not a 所属 an admin chose by hand). Each
 * change is audited (the mapping, and each person's 所属).
 */
export const setDepartmentMapping = async (
  db: Database,
  actor: Actor,
  id: string,
  body: unknown,
  now = new Date(),
): Promise<DepartmentMappingUpdateResultDto> => {
  requireOrgAdmin(actor);
  const input = parseWith(DepartmentMappingUpdateSchema, body);
  const assignedUsers = await db.transaction(async (tx) => {
    const current = await lockMapping(tx, id);
    if (!current)
      throw new AppError('NOT_FOUND', {
        message: `Mapping ${id} not found`,
        userMessage: '部署名が見つかりません。',
      });
    if (input.divisionId) await requireActiveDivision(tx, input.divisionId);
    if (current.state === input.state && current.divisionId === input.divisionId) return 0;
    const after = await updateMapping(tx, id, { state: input.state, divisionId: input.divisionId });
    const reason = input.reason ?? null;
    await appendMasterDataChange(tx, {
      entity: 'department_mapping',
      entityKey: id,
      action: 'map',
      actorId: actor.userId,
      before: {
        departmentName: current.departmentName,
        state: current.state,
        divisionId: current.divisionId,
      },
      after: { departmentName: after.departmentName, state: after.state, divisionId: after.divisionId },
      reason,
    });
    if (!input.divisionId) return 0;
    const waiting = await findUsersWaitingForMapping(tx, current.departmentName, current.divisionId);
    for (const user of waiting) {
      await updateUserDivision(tx, user.id, input.divisionId);
      await appendMasterDataChange(tx, {
        entity: 'user_division',
        entityKey: user.id,
        action: 'assign',
        actorId: actor.userId,
        before: { divisionId: user.divisionId },
        after: {
          divisionId: input.divisionId,
          effectiveDate: tokyoDateText(now),
          departmentName: current.departmentName,
        },
        reason: reason ?? 'Entraの部署名の対応付け',
      });
    }
    return waiting.length;
  });
  return { mapping: await loadDto(db, id), assignedUsers };
};

/** `POST /api/org/directory-sync`: a round now (admins), as the daily schedule runs it. */
export const startDirectorySync = async (
  db: Database,
  actor: Actor,
  source: DirectoryDeltaSource | undefined,
): Promise<DirectorySyncResultDto> => {
  requireOrgAdmin(actor);
  if (!source)
    throw new AppError('VALIDATION', {
      message: 'Directory sync without Graph',
      userMessage: 'Microsoft Graph が設定されていないため、ディレクトリ同期は使えません（GRAPH_ENABLED）。',
    });
  return runDirectorySync(db, source);
};
