import { sql, type SQL } from 'drizzle-orm';
import { staleAfterDays, type ProposalQueueKey } from '#shared';
import { openStatusCondition } from '../schema/proposal-open-statuses';
import { proposals } from '../schema/index';

/** The moment a queue is judged at: `today` is the Tokyo calendar date (YYYY-MM-DD) of `now`. */
export interface QueueClock {
  now: Date;
  today: string;
}

/**
 * The registry of work queues: one named condition each, written exactly as its partial index's
 * predicate (schema/proposals.ts, `proposals_queue_*`), so a page and a count read the index.
 * Whether an actor may open a queue is the service's business (services/proposals/proposal-queues.ts).
 */
export const proposalQueueConditions: Record<ProposalQueueKey, (clock: QueueClock) => SQL> = {
  unanswered: () => sql`${proposals.answer} is null and ${openStatusCondition(proposals.status)}`,
  unassigned: () =>
    sql`${proposals.responsibleDivisionId} is null and ${openStatusCondition(proposals.status)}`,
  revisit_due: ({ today }) =>
    sql`${proposals.status} = 'blocked' and ${proposals.revisitOn} <= ${today}::date`,
  stale: ({ now }) =>
    sql`${openStatusCondition(proposals.status)} and ${proposals.updatedAt} < ${new Date(
      now.getTime() - staleAfterDays * 24 * 60 * 60 * 1000,
    ).toISOString()}::timestamptz`,
};
