import { AppError, effectiveRolesOf, type CurrentUserDto, type Role } from '#shared';
import type { Database } from '../../data/database';
import { setLiaisonDivisionIds } from '../../data/repositories/division-liaisons-repository';
import { findDivisions, findDivisionsByNames } from '../../data/repositories/divisions-repository';
import { updateUserDivision } from '../../data/repositories/user-divisions-repository';
import {
  needsEntraRolesUpdate,
  recordEntraRoles,
  setUserRoles,
} from '../../data/repositories/user-roles-repository';
import {
  findUserByAadObjectId,
  getUserById,
  upsertUserByIdentity,
} from '../../data/repositories/users-repository';
import type { UserRow } from '../../data/schema/index';
import { demoTenantId, demoUsers, type DemoUser } from '../demo/seed-demo-data';
import { syncOwnDivision, type OwnDepartmentSource } from './teams-contact';

/** The person behind a verified token, as the HTTP layer attaches it to a request. */
export interface SignedInUser {
  userId: string;
  aadObjectId: string;
  displayName: string;
  /** In effect for this request: staff, the database roles and those the token grants. */
  roles: readonly Role[];
  /** The part of `roles` the token grants (Entra app roles, office groups); none for a demo sign-in. */
  grantedRoles: readonly Role[];
  /** The divisions this user is the liaison (所管課担当) of. */
  liaisonDivisionIds: readonly string[];
}

const toSignedInUser = (
  row: UserRow,
  granted: readonly Role[],
  grantedLiaisonDivisionIds: readonly string[] = [],
): SignedInUser => ({
  userId: row.id,
  aadObjectId: row.aadObjectId!,
  displayName: row.displayName,
  roles: effectiveRolesOf(row.roles, granted),
  grantedRoles: [...granted],
  liaisonDivisionIds: [...new Set([...row.liaisonDivisionIds, ...grantedLiaisonDivisionIds])],
});

/** The ids of the divisions with these codes (only asked when a token's groups name some). */
const divisionIdsOfCodes = async (db: Database, codes: readonly string[]): Promise<string[]> =>
  codes.length === 0
    ? []
    : (await findDivisions(db))
        .filter((division) => codes.includes(division.code))
        .map((division) => division.id);

/**
 * Group membership from the directory, for a token in "groups overage" (the user is in more groups
 * than a token carries, so it names where to ask instead of listing them).
 */
export interface GroupMembershipLookup {
  /** Which of `groupIds` the user is a member of, directly or through other groups. */
  memberGroups(aadObjectId: string, groupIds: string[]): Promise<string[]>;
}

export interface VerifiedIdentity {
  aadObjectId: string;
  tenantId: string;
  displayName: string;
  email: string | null;
  /** Roles the token grants (app roles, group membership), added to those assigned in the database. */
  grantedRoles: Role[];
  /** Division codes whose liaison the token's groups make the user (AUTH_LIAISON_GROUPS). */
  grantedLiaisonDivisionCodes?: readonly string[];
}

/**
 * The user of a verified Entra token, created on first sight and renamed when the directory renamed
 * them; what the token grants (roles, liaison divisions) is noted for the admins' overview and the
 * worker's notifications (daily, or when it changes).
 * Known, unchanged users cost one read (every API call passes here).
 */
export const signInVerifiedIdentity = async (
  db: Database,
  identity: VerifiedIdentity,
  now = new Date(),
): Promise<SignedInUser> => {
  const known = await findUserByAadObjectId(db, identity.aadObjectId);
  const row =
    known && known.displayName === identity.displayName && known.tenantId === identity.tenantId
      ? known
      : await upsertUserByIdentity(db, {
          aadObjectId: identity.aadObjectId,
          tenantId: identity.tenantId,
          displayName: identity.displayName || known?.displayName || '（名前未設定）',
          email: identity.email,
        });
  const granted = {
    roles: identity.grantedRoles,
    liaisonDivisionIds: await divisionIdsOfCodes(db, identity.grantedLiaisonDivisionCodes ?? []),
  };
  if (needsEntraRolesUpdate(row, granted, now)) await recordEntraRoles(db, row.id, granted, now);
  return toSignedInUser(row, granted.roles, granted.liaisonDivisionIds);
};

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', { message });

/** The personas a development sign-in offers. */
export const listDemoSignInUsers = (): Pick<
  DemoUser,
  'aadObjectId' | 'displayName' | 'division' | 'roles' | 'description'
>[] =>
  demoUsers.map(({ aadObjectId, displayName, division, roles, description }) => ({
    aadObjectId,
    displayName,
    division,
    roles,
    description,
  }));

/**
 * Development sign-in as one of the demo personas (only those): the user is created if needed and
 * given the persona's roles and, when the division exists, its division.
 */
export const signInDemoUser = async (db: Database, aadObjectId: string): Promise<SignedInUser> => {
  const persona = demoUsers.find((user) => user.aadObjectId === aadObjectId);
  if (!persona) {
    throw new AppError('FORBIDDEN', {
      message: `Not a demo user: ${aadObjectId}`,
      userMessage: 'この利用者ではサインインできません。',
    });
  }
  return db.transaction(async (tx) => {
    const row = await upsertUserByIdentity(tx, {
      aadObjectId: persona.aadObjectId,
      tenantId: demoTenantId,
      displayName: persona.displayName,
      email: persona.email,
    });
    const missingRoles = persona.roles.filter((role) => !row.roles.includes(role));
    if (missingRoles.length > 0)
      await setUserRoles(tx, row.id, [...row.roles, ...missingRoles], {
        actorId: null,
        reason: 'デモのサインイン',
      });
    if (!row.divisionId) {
      const divisionId = (await findDivisionsByNames(tx, [persona.division])).get(persona.division);
      if (divisionId) await updateUserDivision(tx, row.id, divisionId);
    }
    if (persona.liaisonOf && row.liaisonDivisionIds.length === 0) {
      const found = await findDivisionsByNames(tx, persona.liaisonOf);
      if (found.size > 0) await setLiaisonDivisionIds(tx, row.id, [...found.values()]);
    }
    return toSignedInUser(await getUserById(tx, row.id), []);
  });
};

/** The user of a development token: must exist (signed in through `signInDemoUser`). */
export const resolveDevelopmentUser = async (db: Database, aadObjectId: string): Promise<SignedInUser> => {
  const row = await findUserByAadObjectId(db, aadObjectId);
  if (!row) throw unauthenticated('Development token for an unknown user');
  return toSignedInUser(row, []);
};

export type { CurrentUserDto } from '#shared';

/**
 * `GET /api/me`: who the tab is talking to, with the roles in effect for this request. A user with
 * no division yet gets it from their own directory entry first, when `directory` is given.
 */
export const getCurrentUser = async (
  db: Database,
  user: Pick<SignedInUser, 'userId' | 'aadObjectId' | 'roles'> & { liaisonDivisionIds?: readonly string[] },
  directory?: OwnDepartmentSource,
): Promise<CurrentUserDto> => {
  if (directory) await syncOwnDivision(db, user.userId, directory);
  const row = await getUserById(db, user.userId);
  const division = row.divisionId
    ? ((await findDivisions(db)).find((candidate) => candidate.id === row.divisionId) ?? null)
    : null;
  return {
    id: row.id,
    aadObjectId: user.aadObjectId,
    displayName: row.displayName,
    email: row.email,
    roles: [...user.roles],
    division: division ? { id: division.id, name: division.name } : null,
    // In effect for this request: assigned in 権限管理, and from the token's groups.
    liaisonDivisionIds: [...(user.liaisonDivisionIds ?? row.liaisonDivisionIds)],
  };
};
