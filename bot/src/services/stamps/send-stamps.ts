import {
  activeStampKinds,
  AppError,
  formatPriorityProjectCode,
  parseWith,
  StampSendSchema,
  type StampKind,
} from '#shared';
import type { Database } from '../../data/database';
import { findUsersWithActivePersonalReference } from '../../data/repositories/conversation-references-repository';
import {
  findStampById,
  findStampKinds,
  hasStampRequest,
  storeStampsOfRequest,
} from '../../data/repositories/stamps-repository';
import { findPriorityProjectsByIds } from '../../data/repositories/priority-projects-repository';
import { getUserById } from '../../data/repositories/users-repository';
import type { UserRow } from '../../data/schema/index';
import type { NotificationPort } from '../../notifications/notification-port';
import { notifyStampsSent } from '../../notifications/stamp-notifications';
import { resolvePickedUsers } from '../identity/picked-users';
import type { DirectoryLookup } from '../identity/teams-contact';
import { assertStampSendAllowed, type UserActionLimits } from '../limits/user-action-limits';
import { actorOf } from '../identity/teams-contact';
import { loadProposal } from '../proposals/proposal-reads';
import { canReplyToStamp } from './stamp-access';
import { resolveStampSubject, stampSubjectLabel, type StampSubject } from './stamp-subject';

export interface SendStampsCommand {
  /** The sender as this turn read them (the bot has just looked them up). */
  sender: UserRow;
  /** Raw card input: recipientIds (Entra object ids, comma-joined), kindCode, message. */
  input: unknown;
  /** Idempotency key from the card: a retried or double-clicked send stores and delivers once. */
  requestId: string;
  /** The sender's allowance (the bot's sends); none for trusted callers. */
  limits?: UserActionLimits;
  /** Microsoft Graph, to vouch for recipients who have not used the app yet. */
  directory?: DirectoryLookup | undefined;
  now?: Date;
}

export interface StampRecipientResult {
  userId: string;
  aadObjectId: string | null;
  name: string;
  /** queued: they have the app and get it now; pending: delivered once they install the app. */
  delivery: 'queued' | 'pending';
}

export interface SendStampsResult {
  kind: StampKind;
  message: string | null;
  /** 「この提案について」, as the cards name it. */
  aboutLabel?: string | undefined;
  recipients: StampRecipientResult[];
}

/** The kind a one-click "thanks" reply uses: `thanks` if active, else the first appreciation kind. */
export const thanksKindOf = (kinds: StampKind[]): StampKind | undefined => {
  const active = activeStampKinds(kinds).filter((kind) => kind.purpose === 'appreciation');
  return active.find((kind) => kind.code === 'thanks') ?? active[0];
};

/**
 * Past the sender's limits a send is refused, unless it is the retry of one already stored (which
 * must answer as the first did).
 */
const assertWithinStampLimits = async (
  db: Database,
  request: { sender: UserRow; requestId: string },
  recipientCount: number,
  { limits, now }: { limits: UserActionLimits; now: Date },
) => {
  try {
    await assertStampSendAllowed(db, request.sender.id, recipientCount, limits, now);
  } catch (error) {
    if (!(await hasStampRequest(db, request.sender.id, request.requestId))) throw error;
  }
};

/**
 * アクションスタンプを送る. One row per recipient (idempotent on requestId + recipient) and one
 * queued delivery each, in one transaction. Nobody can stamp themselves; retired kinds are refused.
 * Each step is one statement for all recipients: five in the transaction, however many recipients.
 */
export const sendStamps = async (
  db: Database,
  notifications: NotificationPort,
  command: SendStampsCommand,
): Promise<SendStampsResult> => {
  const input = parseWith(StampSendSchema, command.input);
  const kinds = await findStampKinds(db);
  const kind = activeStampKinds(kinds).find((candidate) => candidate.code === input.kindCode);
  if (!kind) {
    throw new AppError('VALIDATION', {
      userMessage: 'このスタンプは現在使えません。別のスタンプを選んでください。',
      details: [{ path: 'kindCode', message: 'このスタンプは現在使えません。' }],
    });
  }
  const { sender } = command;
  if (sender.aadObjectId && input.recipientIds.includes(sender.aadObjectId)) {
    throw new AppError('VALIDATION', {
      userMessage: '自分自身にはスタンプを送れません。',
      details: [{ path: 'recipientIds', message: '自分自身にはスタンプを送れません。' }],
    });
  }
  const sentAt = command.now ?? new Date();
  const thanks = thanksKindOf(kinds);
  if (command.limits) {
    await assertWithinStampLimits(db, { sender, requestId: command.requestId }, input.recipientIds.length, {
      limits: command.limits,
      now: sentAt,
    });
  }
  const subject = await resolveStampSubject(db, actorOf(sender), input.about);
  const aboutLabel = stampSubjectLabel(subject);
  const recipients = await resolvePickedUsers(db, input.recipientIds, 'recipientIds', command.directory);

  return db.transaction(async (tx) => {
    const stored = await storeStampsOfRequest(
      tx,
      { senderId: sender.id, requestId: command.requestId },
      recipients.map((recipient) => ({
        kindCode: kind.code,
        senderId: sender.id,
        recipientId: recipient.id,
        senderDivisionId: sender.divisionId,
        recipientDivisionId: recipient.divisionId,
        message: input.message ?? null,
        proposalId: subject?.kind === 'proposal' ? subject.proposalId : null,
        priorityProjectId: subject?.kind === 'project' ? subject.priorityProjectId : null,
        requestId: command.requestId,
        sentAt,
      })),
    );
    await notifyStampsSent(tx, notifications, {
      sender,
      kind,
      thanksKind: thanks,
      stamps: stored,
      ...(aboutLabel ? { aboutLabel } : {}),
    });
    const reachable = await findUsersWithActivePersonalReference(
      tx,
      stored.map((stamp) => stamp.recipientId),
    );
    const byId = new Map(recipients.map((recipient) => [recipient.id, recipient]));
    return {
      kind,
      message: input.message ?? null,
      ...(aboutLabel ? { aboutLabel } : {}),
      recipients: stored.map((stamp) => ({
        userId: stamp.recipientId,
        aadObjectId: byId.get(stamp.recipientId)?.aadObjectId ?? null,
        name: byId.get(stamp.recipientId)!.displayName,
        delivery: reachable.has(stamp.recipientId) ? 'queued' : 'pending',
      })),
    };
  });
};

/** A stamp someone received, as their card showed it, for the one-click reply to its sender. */
export interface StampForReply {
  id: string;
  senderAadObjectId: string;
  sender: { displayName: string; email: string | null };
  kind: StampKind;
  /** The kind a one-click thank-you uses now, if any is active. */
  thanksKind: StampKind | undefined;
  message: string | null;
  sentAt: Date;
  /** 「この提案について」, as the received card named it. */
  aboutLabel?: string | undefined;
}

/** A stamp the user received (only its recipient may reply to it), or undefined. */
export const findStampForReply = async (
  db: Database,
  stampId: string,
  recipientId: string,
): Promise<StampForReply | undefined> => {
  const stamp = await findStampById(db, stampId);
  if (!stamp || !canReplyToStamp(recipientId, stamp)) return undefined;
  const sender = await getUserById(db, stamp.senderId);
  if (!sender.aadObjectId) return undefined;
  const kinds = await findStampKinds(db);
  const kind = kinds.find((candidate) => candidate.code === stamp.kindCode);
  if (!kind) return undefined;
  return {
    id: stamp.id,
    senderAadObjectId: sender.aadObjectId,
    sender: { displayName: sender.displayName, email: sender.email },
    kind,
    thanksKind: thanksKindOf(kinds),
    message: stamp.message,
    sentAt: stamp.sentAt,
    ...(await subjectLabelOfStamp(db, stamp)),
  };
};

/** The label a stored stamp's subject had on its card (rebuilt from the database). */
const subjectLabelOfStamp = async (
  db: Database,
  stamp: { proposalId: string | null; priorityProjectId: string | null },
): Promise<{ aboutLabel?: string }> => {
  let subject: StampSubject | undefined;
  if (stamp.proposalId) {
    const proposal = await loadProposal(db, stamp.proposalId);
    subject = {
      kind: 'proposal',
      proposalId: proposal.id,
      code: proposal.number,
      title: proposal.title,
      isPublished: proposal.isPublished,
    };
  } else if (stamp.priorityProjectId) {
    const [project] = await findPriorityProjectsByIds(db, [stamp.priorityProjectId]);
    if (project)
      subject = {
        kind: 'project',
        priorityProjectId: project.id,
        code: formatPriorityProjectCode(project.fiscalYear, project.themeNo, project.itemNo),
        title: project.title,
      };
  }
  const label = stampSubjectLabel(subject);
  return label ? { aboutLabel: label } : {};
};
