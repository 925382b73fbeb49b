import {
  AppError,
  proposalQueueKeys,
  proposalQueueLabels,
  tokyoIsoDate,
  type Actor,
  type ProposalQueueCountsDto,
  type ProposalQueueKey,
} from '#shared';
import type { Database } from '../../data/database';
import { countProposalsByFilter } from '../../data/repositories/proposals-repository';
import type { QueueContext } from '../../data/repositories/proposal-queue-filters';
import { queueReachOf, visibilityOf } from './proposal-access';

export const queuesOf = (actor: Actor): ProposalQueueKey[] =>
  proposalQueueKeys.filter((key) => queueReachOf(actor, key) !== null);

/** A queue as a list filter, once the actor is allowed to open it (proposal-access.ts `queueReachOf`). */
export const queueFilterOf = (
  actor: Actor,
  key: ProposalQueueKey,
  now: Date,
): { key: ProposalQueueKey; context: QueueContext } => {
  const reach = queueReachOf(actor, key);
  if (!reach) {
    throw new AppError('FORBIDDEN', {
      message: `Queue ${key} is not available to this actor`,
      userMessage: `「${proposalQueueLabels[key]}」の一覧を表示する権限がありません。`,
    });
  }
  return { key, context: { now, today: tokyoIsoDate(now), ...reach } };
};

/** How many proposals each of the actor's queues holds: the same filter as the list, so the same total. */
export const countProposalQueues = async (
  db: Database,
  actor: Actor,
  now: Date = new Date(),
): Promise<ProposalQueueCountsDto> => {
  const visibleTo = visibilityOf(actor);
  const keys = queuesOf(actor);
  // One statement for all the counts, each the list's own filter (so count = list total).
  const counts = await countProposalsByFilter(
    db,
    keys.map((key) => ({ queue: queueFilterOf(actor, key, now), ...(visibleTo ? { visibleTo } : {}) })),
  );
  return {
    items: keys.map((key, index) => ({ key, label: proposalQueueLabels[key], count: counts[index]! })),
  };
};
