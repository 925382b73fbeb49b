import type { Database } from '../../data/database';
import { getSyncState, saveSyncState } from '../../data/repositories/department-mappings-repository';
import { findUsersByAadObjectIds } from '../../data/repositories/user-divisions-repository';
import {
  applyDirectoryDepartment,
  divisionsForDepartments,
  type DepartmentOutcome,
} from './department-mapping';

/** A user as a page of the directory's delta query reports them. */
export interface DirectoryDeltaUser {
  id: string;
  /** Undefined when the page does not carry it (unchanged); null or '' when the user has none. */
  department?: string | null;
  /** The user was deleted from the directory (the app keeps them and their history). */
  removed?: boolean;
}

export interface DirectoryDeltaPage {
  users: DirectoryDeltaUser[];
  /** More pages of this round. */
  nextLink?: string;
  /** The round is complete: where the next round starts. */
  deltaLink?: string;
}

/** The directory's delta query (Microsoft Graph `GET /users/delta`). */
export interface DirectoryDeltaSource {
  /** A page: the first of a full read when `link` is null, else the page `link` names. */
  usersDelta(link: string | null): Promise<DirectoryDeltaPage>;
}

export interface DirectorySyncResult {
  pages: number;
  users: number;
  assigned: number;
  waiting: number;
  unchanged: number;
  /** True when the saved delta link had expired and the round started over with a full read. */
  restarted: boolean;
}

const syncName = 'users';
const maxPages = 10_000;

/** Graph answers 410 Gone when a delta link is too old: the round starts over with a full read. */
const isExpired = (error: unknown): boolean => (error as { statusCode?: number }).statusCode === 410;

/** One page: each known user's department through the mapping, in one transaction. */
const applyPage = async (db: Database, page: DirectoryDeltaPage, now: Date, result: DirectorySyncResult) => {
  const reported = page.users.filter((user) => !user.removed && user.department !== undefined);
  await db.transaction(async (tx) => {
    const known = await findUsersByAadObjectIds(
      tx,
      reported.map((user) => user.id),
    );
    const byAadId = new Map(known.map((user) => [user.aadObjectId!, user]));
    // Every name the directory uses goes to the review list, also those of people who never used
    // the app yet, so an admin can map them before they arrive.
    const names = reported.flatMap((user) => user.department?.trim() || []);
    await divisionsForDepartments(tx, names, now);
    for (const entry of reported) {
      const user = byAadId.get(entry.id);
      if (!user) continue; // people who never used the app have no staff record to set
      const outcome: DepartmentOutcome = await applyDirectoryDepartment(
        tx,
        user,
        entry.department ?? null,
        now,
      );
      result.users += 1;
      result[outcome] += 1;
    }
  });
};

/**
 * The directory sync (scheduled once a day per cluster, or started by an admin): reads the users the
 * directory changed since the last round (Graph delta query; the first round reads everyone) and
 * takes each known user's department through 「Entraの部署名 → 所属」. A name nobody mapped waits in
 * the review list; nothing creates a division. Pages are applied one transaction each and the next
 * round's link is saved only when a round completes, so a failed round is repeated, harmlessly.
 */
export const runDirectorySync = async (
  db: Database,
  source: DirectoryDeltaSource,
  now = new Date(),
): Promise<DirectorySyncResult> => {
  const result: DirectorySyncResult = {
    pages: 0,
    users: 0,
    assigned: 0,
    waiting: 0,
    unchanged: 0,
    restarted: false,
  };
  let link = (await getSyncState(db, syncName))?.deltaLink ?? null;
  while (result.pages < maxPages) {
    let page: DirectoryDeltaPage;
    try {
      page = await source.usersDelta(link);
    } catch (error) {
      if (!link || !isExpired(error) || result.pages > 0) throw error;
      result.restarted = true;
      link = null;
      continue;
    }
    result.pages += 1;
    await applyPage(db, page, now, result);
    if (page.nextLink) {
      link = page.nextLink;
      continue;
    }
    await saveSyncState(db, syncName, {
      deltaLink: page.deltaLink ?? null,
      lastRunAt: now,
      lastResult: `利用者${result.users}人を確認（所属を設定${result.assigned}人、部署名の確認待ち${result.waiting}人）`,
    });
    break;
  }
  return result;
};
