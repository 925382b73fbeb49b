import { inArray, sql, type SQL } from 'drizzle-orm';
import { staleAfterDays, type ProposalQueueKey } from '#shared';
import { openStatusCondition } from '../schema/proposal-open-statuses';
import { proposalAnswerDrafts, proposals } from '../schema/index';

/**
 * The moment and the reach a queue is judged with: `today` is the Tokyo calendar date (YYYY-MM-DD) of
 * `now`; `divisionIds`, when present, narrows the 所管課 queues to those divisions (a liaison's).
 */
export interface QueueContext {
  now: Date;
  today: string;
  divisionIds?: readonly string[];
}

const open = openStatusCondition(proposals.status);

// = ANY(ARRAY(…)): the drafts (a handful) computed once and matched through the primary key.
const hasDraft = sql`${proposals.id} = any(array(select ${proposalAnswerDrafts.proposalId} from ${proposalAnswerDrafts}))`;

/** Assigned to one of the divisions, or to any when the context does not narrow. */
const inDivisions = ({ divisionIds }: QueueContext): SQL =>
  divisionIds === undefined
    ? sql`true`
    : divisionIds.length === 0
      ? sql`false`
      : inArray(proposals.responsibleDivisionId, [...divisionIds]);

/**
 * The registry of work queues: one named condition each, its leading part written exactly as its
 * partial index's predicate (schema/proposals.ts, `proposals_queue_*`), so a page and a count read the
 * index. Whether an actor may open a queue, and with which divisions, is the service's business
 * (services/proposals/proposal-queues.ts).
 */
export const proposalQueueConditions: Record<ProposalQueueKey, (context: QueueContext) => SQL> = {
  my_division: (context) =>
    sql`${proposals.responsibleDivisionId} is not null and ${open} and ${inDivisions(context)}`,
  unanswered: () => sql`${proposals.answer} is null and ${open}`,
  unassigned: () => sql`${proposals.responsibleDivisionId} is null and ${open}`,
  awaiting_division: (context) =>
    sql`${proposals.responsibleDivisionId} is not null and ${proposals.answer} is null and ${open} and not (${hasDraft}) and ${inDivisions(context)}`,
  awaiting_approval: () => hasDraft,
  revisit_due: ({ today }) =>
    sql`${proposals.status} = 'blocked' and ${proposals.revisitOn} <= ${today}::date`,
  stale: ({ now }) =>
    sql`${open} and ${proposals.updatedAt} < ${new Date(
      now.getTime() - staleAfterDays * 24 * 60 * 60 * 1000,
    ).toISOString()}::timestamptz`,
};
