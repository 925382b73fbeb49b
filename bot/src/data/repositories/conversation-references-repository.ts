import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { storableText } from '#shared';
import type { Executor } from '../database';
import { conversationReferences, type ConversationReferenceRow } from '../schema/index';

export interface ConversationReferenceInput {
  conversationId: string;
  conversationType: string;
  tenantId: string | null;
  userId: string | null;
  serviceUrl: string;
  reference: Record<string, unknown>;
}

/**
 * jsonb refuses NUL and lone UTF-16 surrogates, so a Teams display name carrying one would fail every
 * activity of that person: replace them in the reference.
 */
const wellFormed = (value: unknown): unknown => {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [wellFormed(key), wellFormed(item)]),
    );
  return value;
};

/**
 * Stored on install and on every message, so the latest serviceUrl is always known. Returns true when
 * this call made the conversation active (new, or reinstalled after removal): of two concurrent calls
 * (Teams sends installationUpdate and conversationUpdate together) exactly one gets true.
 */
export const upsertConversationReference = async (
  db: Executor,
  raw: ConversationReferenceInput,
): Promise<boolean> => {
  const input = { ...raw, reference: wellFormed(raw.reference) as Record<string, unknown> };
  const reactivated = await db
    .update(conversationReferences)
    .set({ isActive: true, updatedAt: sql`now()` })
    .where(
      and(
        eq(conversationReferences.conversationId, input.conversationId),
        eq(conversationReferences.isActive, false),
      ),
    )
    .returning({ id: conversationReferences.id });
  const inserted = await db
    .insert(conversationReferences)
    .values({ ...input, isActive: true })
    .onConflictDoNothing()
    .returning({ id: conversationReferences.id });
  if (inserted.length === 0) {
    await db
      .update(conversationReferences)
      .set({
        serviceUrl: input.serviceUrl,
        reference: input.reference,
        tenantId: input.tenantId,
        ...(input.userId ? { userId: input.userId } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(conversationReferences.conversationId, input.conversationId));
  }
  return reactivated.length > 0 || inserted.length > 0;
};

export const deactivateConversationReference = async (
  db: Executor,
  conversationId: string,
): Promise<void> => {
  await db
    .update(conversationReferences)
    .set({ isActive: false, updatedAt: sql`now()` })
    .where(eq(conversationReferences.conversationId, conversationId));
};

/** The user's 1:1 chat with the bot, if the app is installed for them. */
export const findActivePersonalReference = async (
  db: Executor,
  userId: string,
): Promise<ConversationReferenceRow | undefined> => {
  const [row] = await db
    .select()
    .from(conversationReferences)
    .where(
      and(
        eq(conversationReferences.userId, userId),
        eq(conversationReferences.conversationType, 'personal'),
        eq(conversationReferences.isActive, true),
      ),
    )
    .orderBy(desc(conversationReferences.updatedAt))
    .limit(1);
  return row;
};

/** Which of these users can be reached in a 1:1 chat now. */
export const findUsersWithActivePersonalReference = async (
  db: Executor,
  userIds: string[],
): Promise<Set<string>> => {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ userId: conversationReferences.userId })
    .from(conversationReferences)
    .where(
      and(
        inArray(conversationReferences.userId, userIds),
        eq(conversationReferences.conversationType, 'personal'),
        eq(conversationReferences.isActive, true),
      ),
    );
  return new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])));
};
