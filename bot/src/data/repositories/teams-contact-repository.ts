import { eq, sql } from 'drizzle-orm';
import { builtPerExecutor, type Executor } from '../database';
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

// Named and built once: every turn reads it first.
const contactQuery = builtPerExecutor((db) =>
  db
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
    .leftJoin(
      conversationReferences,
      eq(conversationReferences.conversationId, sql.placeholder('conversationId')),
    )
    .where(eq(users.aadObjectId, sql.placeholder('aadObjectId')))
    .prepare('teams_contact'),
);

/**
 * A Teams user and the reference of one conversation, in one query: what every turn reads first, so
 * a turn that changes nothing writes nothing (see recordTeamsContact).
 */
export const findTeamsContact = async (
  db: Executor,
  aadObjectId: string,
  conversationId: string,
): Promise<StoredTeamsContact | undefined> => {
  const [row] = await contactQuery(db).execute({ aadObjectId, conversationId });
  return row;
};
