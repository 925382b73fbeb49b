import { AppError, type Actor } from '#shared';
import type { Database } from '../../data/database';
import {
  deactivateConversationReference,
  findActivePersonalReference,
  upsertConversationReference,
} from '../../data/repositories/conversation-references-repository';
import { findTeamsContact, type StoredTeamsContact } from '../../data/repositories/teams-contact-repository';
import { updateUserDivision } from '../../data/repositories/user-divisions-repository';
import { getUserById, upsertUserByIdentity } from '../../data/repositories/users-repository';
import type { UserRow } from '../../data/schema/index';
import type { NotificationPort } from '../../notifications/notification-port';
import { applyDirectoryDepartment } from '../organisation/department-mapping';

/** A person in the organisation directory. */
export interface DirectoryPerson {
  displayName: string;
  email: string | null;
}

/** The organisation directory (Microsoft Graph when configured): a user's department name. */
export interface DirectoryLookup {
  getDepartment(aadObjectId: string): Promise<string | null>;
  /** The person behind an Entra object id of this tenant, or null when there is none. */
  getPerson(aadObjectId: string): Promise<DirectoryPerson | null>;
}

/**
 * Microsoft Graph on the signed-in tab user's behalf (on-behalf-of their SSO token), when configured.
 * Throws AppError CONSENT_REQUIRED when the user (or an admin) must consent first.
 */
export interface OnBehalfOfDirectory {
  getMyDepartment(userToken: string): Promise<string | null>;
}

/**
 * How a proactive installation ended: `installed` (Teams announces the new chat to the bot, which
 * then stores it and sends what waited), or `already_installed` with the existing 1:1 chat's id when
 * the directory knows it (Teams announces nothing then: the caller records that chat itself).
 */
export type AppInstallResult =
  { outcome: 'installed' } | { outcome: 'already_installed'; chatId: string | null };

/**
 * Installs the app for someone who has not installed it (Microsoft Graph, when configured), so what
 * waits for them (a stamp) can be delivered.
 */
export interface AppInstaller {
  installForUser(aadObjectId: string): Promise<AppInstallResult>;
}

export interface TeamsContact {
  aadObjectId: string;
  tenantId: string | null;
  displayName: string;
  email: string | null;
  conversation: {
    id: string;
    type: 'personal' | 'groupChat' | 'channel';
    serviceUrl: string;
    reference: Record<string, unknown>;
  };
}

/** JSON with sorted keys (jsonb does not keep the key order), for comparing a stored reference. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
};

/**
 * The stored user and conversation already say what this activity says. The reference's activityId
 * (the id of the latest message) is left out: it changes every turn and proactive messages need none.
 */
const isUnchanged = (stored: StoredTeamsContact, contact: TeamsContact): boolean => {
  const { user, conversation } = stored;
  const sameReference = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    JSON.stringify(canonical({ ...a, activityId: undefined })) ===
    JSON.stringify(canonical({ ...b, activityId: undefined }));
  return (
    user.displayName === contact.displayName &&
    user.tenantId === contact.tenantId &&
    conversation !== null &&
    conversation.isActive &&
    conversation.conversationType === contact.conversation.type &&
    conversation.serviceUrl === contact.conversation.serviceUrl &&
    conversation.tenantId === contact.tenantId &&
    (contact.conversation.type !== 'personal' || conversation.userId === user.id) &&
    sameReference(conversation.reference, contact.conversation.reference)
  );
};

/**
 * Someone wrote to or installed the bot: keep their user record and (in 1:1 chat) the conversation
 * reference current, so they can be notified later. Every turn reads both in one query; only a turn
 * that brings something new (first contact, new name, new serviceUrl, reinstall) runs the small
 * transaction that writes them — most turns write nothing (measured: 6 statements and two row
 * updates saved per card action, see docs/benchmarks.md).
 * `conversationActivated` is true for the one call that made the conversation active (install).
 */
export const recordTeamsContact = async (
  db: Database,
  contact: TeamsContact,
  notifications: NotificationPort,
): Promise<{ user: UserRow; conversationActivated: boolean }> => {
  const stored = await findTeamsContact(db, contact.aadObjectId, contact.conversation.id);
  if (stored && isUnchanged(stored, contact)) return { user: stored.user, conversationActivated: false };
  return db.transaction(async (tx) => {
    const user = await upsertUserByIdentity(tx, contact);
    const conversationActivated = await upsertConversationReference(tx, {
      conversationId: contact.conversation.id,
      conversationType: contact.conversation.type,
      tenantId: contact.tenantId,
      userId: contact.conversation.type === 'personal' ? user.id : null,
      serviceUrl: contact.conversation.serviceUrl,
      reference: contact.conversation.reference,
    });
    // Stamps and status cards that waited for this person to install the app go out now.
    if (conversationActivated && contact.conversation.type === 'personal') {
      await notifications.requeuePending(tx, user.id);
    }
    return { user, conversationActivated };
  });
};

/**
 * Someone already had the app (Graph answered 409 to a proactive install) but the bot had no active
 * chat with them, so Teams will announce nothing: the existing 1:1 chat found through Graph is stored
 * as if they had just installed it, and what waited for them (stamps, status cards) goes out. A chat
 * Teams already announced is left as Teams described it.
 */
export const recordExistingPersonalChat = async (
  db: Database,
  notifications: NotificationPort,
  chat: {
    userId: string;
    tenantId: string | null;
    conversationId: string;
    serviceUrl: string;
    reference: Record<string, unknown>;
  },
): Promise<void> => {
  await db.transaction(async (tx) => {
    if (!(await findActivePersonalReference(tx, chat.userId))) {
      await upsertConversationReference(tx, {
        conversationId: chat.conversationId,
        conversationType: 'personal',
        tenantId: chat.tenantId,
        userId: chat.userId,
        serviceUrl: chat.serviceUrl,
        reference: chat.reference,
      });
    }
    await notifications.requeuePending(tx, chat.userId);
  });
};

/** The app was removed from a conversation: stop sending there. */
export const recordUninstall = async (db: Database, conversationId: string): Promise<void> => {
  await deactivateConversationReference(db, conversationId);
};

const directoryRefreshMs = 7 * 24 * 60 * 60 * 1000;

/** Whether the user's division is due for a check against the directory (weekly). */
export const isDivisionSyncDue = (
  user: UserRow,
  directory: DirectoryLookup | undefined,
  now = new Date(),
): boolean =>
  Boolean(directory && user.aadObjectId) &&
  (!user.divisionCheckedAt || now.getTime() - user.divisionCheckedAt.getTime() >= directoryRefreshMs);

/**
 * Takes the user's division from the directory when it is configured and the cached value is older
 * than a week, through 「Entraの部署名 → 所属」 (a name waiting for review changes nothing and creates
 * no division). A directory failure keeps what we have: the user can still pick a division by hand.
 */
export const syncDivisionFromDirectory = async (
  db: Database,
  user: UserRow,
  directory: DirectoryLookup | undefined,
  now = new Date(),
): Promise<UserRow> => {
  if (!directory || !user.aadObjectId || !isDivisionSyncDue(user, directory, now)) return user;
  let department: string | undefined;
  try {
    department = (await directory.getDepartment(user.aadObjectId))?.trim();
  } catch {
    return user; // directory unreachable or slow: keep the cached division, try again next time
  }
  await db.transaction((tx) => applyDirectoryDepartment(tx, user, department ?? null, now));
  return getUserById(db, user.id);
};

/** A tab user's own directory entry, read on their behalf. */
export interface OwnDepartmentSource {
  getMyDepartment(): Promise<string | null>;
  /** A failure other than missing consent: reported, and the user goes on without a division. */
  onFailure(error: unknown): void;
}

/**
 * A tab user without a division takes it from their own directory entry, like the bot's sync, at
 * most weekly, through the same mapping (an unknown name waits for an admin's review; the user can
 * pick a division meanwhile). A consent error goes to the
 * caller, with nothing written: the tab asks for consent and retries.
 */
export const syncOwnDivision = async (
  db: Database,
  userId: string,
  source: OwnDepartmentSource,
  now = new Date(),
): Promise<void> => {
  const user = await getUserById(db, userId);
  if (user.divisionId) return;
  if (user.divisionCheckedAt && now.getTime() - user.divisionCheckedAt.getTime() < directoryRefreshMs) return;
  let department: string | undefined;
  try {
    department = (await source.getMyDepartment())?.trim();
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONSENT_REQUIRED') throw error;
    source.onFailure(error);
    return;
  }
  await db.transaction((tx) => applyDirectoryDepartment(tx, user, department ?? null, now));
};

/** The fallback when no directory is configured: the user picks their division once. */
export const chooseOwnDivision = async (db: Database, userId: string, divisionId: string): Promise<void> => {
  await updateUserDivision(db, userId, divisionId);
};

export const actorOf = (user: UserRow): Actor => ({
  userId: user.id,
  roles: user.roles,
  liaisonDivisionIds: user.liaisonDivisionIds,
});
