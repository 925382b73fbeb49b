import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { masterDataChanges, users } from '../schema/index';

export interface MasterDataChange {
  /** The kind of record, e.g. 'division', 'category', 'stamp_kind'. */
  entity: string;
  /** The record's id or code. */
  entityKey: string;
  action: string;
  /** Null for the system (migrations, demo data, directory sync). */
  actorId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason?: string | null;
}

/** Append-only: call it in the transaction of the change it records (the database refuses edits). */
export const appendMasterDataChange = async (db: Executor, change: MasterDataChange): Promise<void> => {
  await db.insert(masterDataChanges).values({ ...change, reason: change.reason ?? null });
};

const subjectId = sql`(case when ${masterDataChanges.entityKey} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${masterDataChanges.entityKey}::uuid end)`;

/** Newest first; one record's when `entityKey` is given; with the acting user's name. */
export const findMasterDataChanges = async (
  db: Executor,
  options: { entity: string; entityKey?: string | undefined; limit: number },
) =>
  db
    .select({
      change: masterDataChanges,
      actorName: users.displayName,
      /**
       * The record's name today (a person's or a division's), when the key is one of their ids. The key
       * is turned into a uuid (codes are not) so each lookup is a primary-key probe, not a scan of
       * every user casting their id to text.
       */
      subjectName: sql<string | null>`coalesce(
        (select u.display_name from users u where u.id = ${subjectId}),
        (select d.name from divisions d where d.id = ${subjectId}))`,
    })
    .from(masterDataChanges)
    .leftJoin(users, eq(users.id, masterDataChanges.actorId))
    .where(
      and(
        eq(masterDataChanges.entity, options.entity),
        options.entityKey === undefined ? undefined : eq(masterDataChanges.entityKey, options.entityKey),
      ),
    )
    .orderBy(desc(masterDataChanges.id))
    .limit(options.limit);
