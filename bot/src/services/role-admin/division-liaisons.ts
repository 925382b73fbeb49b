import {
  AppError,
  hasRole,
  LiaisonDivisionsUpdateSchema,
  parseWith,
  type Actor,
  type LiaisonDivisionsDto,
} from '#shared';
import type { Database } from '../../data/database';
import { setLiaisonDivisionIds } from '../../data/repositories/division-liaisons-repository';
import { findDivisions } from '../../data/repositories/divisions-repository';
import { getUserById } from '../../data/repositories/users-repository';

/**
 * 権限管理: an admin makes a user the liaison (所管課担当) of one or more divisions, or of none. The
 * liaisons of a division see every proposal assigned to it with its internal notes, add notes and
 * draft answers (proposal-access.ts `isLiaisonOf`); the office still decides what the proposer is told.
 */
export const setLiaisonDivisions = async (
  db: Database,
  actor: Actor,
  command: { userId: string; request: unknown },
): Promise<LiaisonDivisionsDto> => {
  if (!hasRole(actor, 'admin'))
    throw new AppError('FORBIDDEN', { message: 'Liaison assignment requires the admin role' });
  const { divisionIds } = parseWith(LiaisonDivisionsUpdateSchema, command.request);
  return db.transaction(async (tx) => {
    await getUserById(tx, command.userId);
    const known = new Map((await findDivisions(tx)).map((division) => [division.id, division]));
    const unknown = divisionIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new AppError('VALIDATION', {
        message: `Unknown divisions ${unknown.join(', ')}`,
        userMessage: '登録されていない課が含まれています。',
        details: [{ path: 'divisionIds', message: '登録されていない課が含まれています。' }],
      });
    }
    await setLiaisonDivisionIds(tx, command.userId, divisionIds);
    return {
      userId: command.userId,
      divisions: divisionIds.map((id) => ({ id, name: known.get(id)!.name })),
    };
  });
};
