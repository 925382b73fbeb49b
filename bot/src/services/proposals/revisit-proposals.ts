import { tokyoIsoDate } from '#shared';
import type { Database } from '../../data/database';
import { findReachableOfficeUserIds } from '../../data/repositories/office-recipients-repository';
import { claimDueRevisits } from '../../data/repositories/proposal-revisits-repository';
import type { Notifier } from '../../notifications/notification-port';
import { notifyRevisitsDue } from '../../notifications/revisit-notifications';

/**
 * The daily revisit (jobs/revisit-jobs.ts): 「その他」 proposals whose 再検討時期 has come (Tokyo date
 * of `now`) are announced once to the office in one digest. They show in the 再検討時期が到来 queue
 * from that date on (proposal-queue-filters.ts); moving one back to 検討中 is an ordinary triage, which
 * tells the proposer. Idempotent: a second run the same day finds nothing new.
 */
export const announceDueRevisits = async (
  db: Database,
  notifier: Notifier,
  now: Date,
): Promise<{ today: string; announced: number; recipients: number }> => {
  const today = tokyoIsoDate(now);
  return db.transaction(async (tx) => {
    const proposals = await claimDueRevisits(tx, today);
    const recipientIds = proposals.length > 0 ? await findReachableOfficeUserIds(tx) : [];
    await notifyRevisitsDue(tx, notifier, { today, proposals, recipientIds });
    return { today, announced: proposals.length, recipients: recipientIds.length };
  });
};
