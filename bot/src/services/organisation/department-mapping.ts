import { tokyoDate } from '#shared';
import type { Executor } from '../../data/database';
import {
  findMappingsByNames,
  insertMappingsIfMissing,
  refreshMappingCounts,
} from '../../data/repositories/department-mappings-repository';
import { findDivisions } from '../../data/repositories/divisions-repository';
import { appendMasterDataChange } from '../../data/repositories/master-data-changes-repository';
import { recordDirectoryDepartment } from '../../data/repositories/user-divisions-repository';

/**
 * 「Entraの部署名 → 所属」: the one way a directory department becomes a division. A name seen for the
 * first time is mapped to the active division of exactly that name when there is one, otherwise it
 * waits for an admin (`pending`) — the directory never creates a division. Both are audited as the
 * system's doing.
 */
export const divisionsForDepartments = async (
  db: Executor,
  names: string[],
  now: Date,
): Promise<Map<string, string | null>> => {
  const unique = [...new Set(names)];
  const known = await findMappingsByNames(db, unique);
  const missing = unique.filter((name) => !known.has(name));
  if (missing.length > 0) {
    const byName = new Map((await findDivisions(db)).map((division) => [division.name, division.id]));
    const added = await insertMappingsIfMissing(
      db,
      missing.map((departmentName) => {
        const divisionId = byName.get(departmentName) ?? null;
        return { departmentName, state: divisionId ? 'mapped' : 'pending', divisionId, lastSeenAt: now };
      }),
    );
    for (const row of added) {
      known.set(row.departmentName, row);
      await appendMasterDataChange(db, {
        entity: 'department_mapping',
        entityKey: row.id,
        action: 'create',
        actorId: null,
        before: null,
        after: { departmentName: row.departmentName, state: row.state, divisionId: row.divisionId },
        reason: 'ディレクトリで初めて見つかった部署名',
      });
    }
    // Added meanwhile by another process: read what it wrote.
    for (const [name, row] of await findMappingsByNames(db, missing)) known.set(name, row);
  }
  return new Map(
    unique.map((name) => [name, known.get(name)?.state === 'mapped' ? known.get(name)!.divisionId : null]),
  );
};

export const tokyoDateText = (now: Date): string => {
  const { year, month, day } = tokyoDate(now);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

export type DepartmentOutcome = 'assigned' | 'unchanged' | 'waiting';

/**
 * A user's department as the directory reports it: remembered on the user (so a name mapped later
 * reaches them), and when it maps to a division other than theirs, that division from today on
 * (audited as the system's). An empty department or a name waiting for review changes no division.
 */
export const applyDirectoryDepartment = async (
  db: Executor,
  user: { id: string; divisionId: string | null },
  department: string | null,
  now: Date,
): Promise<DepartmentOutcome> => {
  const name = department?.trim() || null;
  const divisionId = name ? ((await divisionsForDepartments(db, [name], now)).get(name) ?? null) : null;
  const assign = divisionId !== null && divisionId !== user.divisionId;
  await recordDirectoryDepartment(db, user.id, name, assign ? divisionId : user.divisionId, now);
  if (name) await refreshMappingCounts(db, [name], now);
  if (!assign) return name && divisionId === null ? 'waiting' : 'unchanged';
  await appendMasterDataChange(db, {
    entity: 'user_division',
    entityKey: user.id,
    action: 'assign',
    actorId: null,
    before: { divisionId: user.divisionId },
    after: { divisionId, effectiveDate: tokyoDateText(now), departmentName: name },
    reason: 'ディレクトリ同期',
  });
  return 'assigned';
};
