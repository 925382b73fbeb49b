import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { conversationReferences, users, type UserRow } from '../schema/index';

export interface StoredTeamsContact {
  user: UserRow;
  /** This conversation's stored reference, if any. */
  conversation: {
    conversationType: string;
    tenantId: string | null;
    userId: string | null;
    serviceUrl: string;
    reference: Record<string, unknown>;
    isActive: boolean;
  } | null;
}

/**
 * A Teams user and the reference of one conversation, in one query: what every turn reads first, so
 * a turn that changes nothing writes nothing (see recordTeamsContact).
 */
export const findTeamsContact = async (
  db: Executor,
  aadObjectId: string,
  conversationId: string,
): Promise<StoredTeamsContact | undefined> => {
  const [row] = await db
    .select({
      user: users,
      conversation: {
        conversationType: conversationReferences.conversationType,
        tenantId: conversationReferences.tenantId,
        userId: conversationReferences.userId,
        serviceUrl: conversationReferences.serviceUrl,
        reference: conversationReferences.reference,
        isActive: conversationReferences.isActive,
      },
    })
    .from(users)
    .leftJoin(conversationReferences, sql`${conversationReferences.conversationId} = ${conversationId}`)
    .where(eq(users.aadObjectId, aadObjectId))
    // Named: every turn reads it, and each connection then plans it once.
    .prepare('teams_contact')
    .execute();
  return row;
};
