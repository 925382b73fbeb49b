import { tokyoDate } from '#shared';
import type { Database } from '../../data/database';
import type { Executor } from '../../data/database';
import {
  countAssignmentNotices,
  findLiaisonWaitingWork,
  type LiaisonWaitingRow,
} from '../../data/repositories/division-liaisons-repository';
import type { Notifier } from '../../notifications/notification-port';
import { notifyLiaisonDigests, type LiaisonDigestEvent } from '../../notifications/proposal-notifications';

/** The digest goes out from this hour on (Tokyo), once a day. */
export const liaisonDigestHour = 8;
/** The oldest waiting proposals a digest names; the rest are counted. */
const digestItems = 10;

const tokyoDay = (now: Date): string => {
  const { year, month, day } = tokyoDate(now);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

const tokyoOffsetMs = 9 * 3_600_000;
const tokyoHour = (now: Date): number => new Date(now.getTime() + tokyoOffsetMs).getUTCHours();
/** Midnight in Tokyo of the day `now` is in. */
const tokyoMidnight = (now: Date): Date => {
  const shifted = now.getTime() + tokyoOffsetMs;
  return new Date(shifted - (shifted % 86_400_000) - tokyoOffsetMs);
};

/** Assignment cards one liaison gets in a day; past that, the assignments wait for the digest. */
export const assignmentCardsPerDay = 5;

/**
 * Which liaisons to tell of an assignment now: those who got fewer than `assignmentCardsPerDay`
 * assignment cards today (Tokyo). When the office assigns many at once, the rest reach the liaison
 * in the next day's digest as one card instead of one card per change.
 */
export const liaisonsToNotifyNow = async (
  db: Executor,
  liaisonIds: readonly string[],
  now = new Date(),
): Promise<string[]> => {
  const sent = await countAssignmentNotices(db, liaisonIds, tokyoMidnight(now));
  return liaisonIds.filter((id) => (sent.get(id) ?? 0) < assignmentCardsPerDay);
};

const digestsOf = (rows: readonly LiaisonWaitingRow[], date: string): LiaisonDigestEvent[] => {
  const byUser = new Map<string, LiaisonDigestEvent>();
  for (const row of rows) {
    const digest = byUser.get(row.userId) ?? { userId: row.userId, date, total: row.total, items: [] };
    byUser.set(row.userId, { ...digest, items: [...digest.items, row] });
  }
  return [...byUser.values()];
};

/**
 * The liaisons' (所管課担当) daily digest: to each liaison with open proposals of their divisions
 * that have no draft yet, one card naming the oldest and counting the rest. Run it as often as you
 * like (the worker does, hourly): before `liaisonDigestHour` in Tokyo it does nothing, and the
 * per-day dedupe key sends each liaison one digest a day whatever the number of runs or instances.
 * Returns how many liaisons had work waiting.
 */
export const queueLiaisonDigests = async (
  db: Database,
  notifier: Notifier,
  now = new Date(),
): Promise<number> => {
  if (tokyoHour(now) < liaisonDigestHour) return 0;
  return db.transaction(async (tx) => {
    const digests = digestsOf(await findLiaisonWaitingWork(tx, digestItems), tokyoDay(now));
    if (digests.length > 0) await notifyLiaisonDigests(tx, notifier, digests);
    return digests.length;
  });
};
