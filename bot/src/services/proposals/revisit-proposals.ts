import { tokyoIsoDate } from '#shared';
import type { Database, Executor } from '../../data/database';
import { findReachableOfficeUserIds } from '../../data/repositories/office-recipients-repository';
import { findLiaisonsOfDivisions } from '../../data/repositories/division-liaisons-repository';
import { claimDueRevisits, type DueRevisit } from '../../data/repositories/proposal-revisits-repository';
import type { Notifier } from '../../notifications/notification-port';
import { notifyRevisitsDue, type RevisitDigest } from '../../notifications/revisit-notifications';
import { isLiaisonOfDivision } from './proposal-access';

/**
 * The daily revisit (jobs/revisit-jobs.ts): 「その他」 proposals whose 再検討時期 has come (Tokyo date
 * of `now`) are announced once: one digest to the office with all of them, and one to each liaison
 * (所管課担当) of their 所管課 with only their divisions' (an office member who is also a liaison gets
 * the office's). They show in the 再検討時期が到来 queue
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
    if (proposals.length === 0) return { today, announced: 0, recipients: 0 };
    const officeIds = await findReachableOfficeUserIds(tx);
    const digests = [
      { recipientIds: officeIds, proposals, queue: 'revisit_due' as const },
      ...(await liaisonDigests(tx, proposals, new Set(officeIds))),
    ];
    await notifyRevisitsDue(tx, notifier, { today, digests });
    return {
      today,
      announced: proposals.length,
      recipients: digests.reduce((sum, digest) => sum + digest.recipientIds.length, 0),
    };
  });
};

/** Each liaison's own digest: the due proposals of the divisions they are the liaison of. */
const liaisonDigests = async (
  tx: Executor,
  proposals: DueRevisit[],
  officeIds: ReadonlySet<string>,
): Promise<RevisitDigest[]> => {
  const divisionIds = [...new Set(proposals.flatMap((proposal) => proposal.responsibleDivisionId ?? []))];
  const liaisons = await findLiaisonsOfDivisions(tx, divisionIds);
  return liaisons
    .filter((liaison) => !officeIds.has(liaison.id))
    .map((liaison) => ({
      recipientIds: [liaison.id],
      proposals: proposals.filter((proposal) => isLiaisonOfDivision(liaison, proposal.responsibleDivisionId)),
      queue: 'my_division' as const,
    }));
};
