import {
  AppError,
  canTriage,
  proposalQueueKeys,
  proposalQueueLabels,
  tokyoIsoDate,
  type Actor,
  type ProposalQueueCountsDto,
  type ProposalQueueKey,
} from '#shared';
import type { Database } from '../../data/database';
import { countProposalsByFilter } from '../../data/repositories/proposals-repository';
import type { QueueClock } from '../../data/repositories/proposal-queue-filters';
import { visibilityOf } from './proposal-access';

/**
 * Who may open which work queue. The four of today are the office's; the liaison's (所管課の回答待ち,
 * 自分の課) will be theirs, narrowed by the visibility rule like every list.
 */
const queueIsFor: Record<ProposalQueueKey, (actor: Actor) => boolean> = {
  unanswered: canTriage,
  unassigned: canTriage,
  revisit_due: canTriage,
  stale: canTriage,
};

export const queuesOf = (actor: Actor): ProposalQueueKey[] =>
  proposalQueueKeys.filter((key) => queueIsFor[key](actor));

export const queueClockAt = (now: Date): QueueClock => ({ now, today: tokyoIsoDate(now) });

/** A queue as a list filter, once the actor is allowed to open it. */
export const queueFilterOf = (
  actor: Actor,
  key: ProposalQueueKey,
  now: Date,
): { key: ProposalQueueKey; clock: QueueClock } => {
  if (!queueIsFor[key](actor)) {
    throw new AppError('FORBIDDEN', {
      message: `Queue ${key} is not available to this actor`,
      userMessage: `「${proposalQueueLabels[key]}」の一覧を表示する権限がありません。`,
    });
  }
  return { key, clock: queueClockAt(now) };
};

/** How many proposals each of the actor's queues holds: the same filter as the list, so the same total. */
export const countProposalQueues = async (
  db: Database,
  actor: Actor,
  now: Date = new Date(),
): Promise<ProposalQueueCountsDto> => {
  const visibleTo = visibilityOf(actor);
  const keys = queuesOf(actor);
  const clock = queueClockAt(now);
  const counts = await countProposalsByFilter(
    db,
    keys.map((key) => ({ queue: { key, clock }, ...(visibleTo ? { visibleTo } : {}) })),
  );
  return {
    items: keys.map((key, index) => ({ key, label: proposalQueueLabels[key], count: counts[index]! })),
  };
};
