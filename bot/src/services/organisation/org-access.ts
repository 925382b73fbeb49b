import { AppError, hasRole, type Actor } from '#shared';
import type { Executor } from '../../data/database';
import { findDivisionById } from '../../data/repositories/divisions-repository';
import type { DivisionRow } from '../../data/schema/index';

/**
 * 組織と職員: the office may look (who is where, the mapping, the history), only admins change the
 * organisation, people's 所属 and the mapping.
 */
export const requireOrgViewer = (actor: Actor): void => {
  if (!hasRole(actor, 'office'))
    throw new AppError('FORBIDDEN', { message: 'Organisation views require the office role' });
};

export const requireOrgAdmin = (actor: Actor): void => {
  if (!hasRole(actor, 'admin'))
    throw new AppError('FORBIDDEN', { message: 'Organisation changes require the admin role' });
};

export const divisionNotFound = (id: string) =>
  new AppError('NOT_FOUND', { message: `Division ${id} not found`, userMessage: '組織が見つかりません。' });

/**
 * A division something new may be assigned to (a person, a proposal's 所管課, a mapping): it must
 * exist and be active. Retired divisions keep what they had, and get nothing new.
 */
export const requireActiveDivision = async (db: Executor, id: string): Promise<DivisionRow> => {
  const division = await findDivisionById(db, id);
  if (!division) throw divisionNotFound(id);
  if (!division.isActive)
    throw new AppError('VALIDATION', {
      message: `Division ${id} is retired`,
      userMessage: `「${division.name}」は廃止された組織のため指定できません。`,
      details: [{ path: 'divisionId', message: `「${division.name}」は廃止された組織です。` }],
    });
  return division;
};
