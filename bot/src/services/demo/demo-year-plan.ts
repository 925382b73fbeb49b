// The demo year's shape, decided before any proposal is written: how many proposals of each status
// (the plan's published figures), when they were submitted and how the statuses spread over the year.
import { type BlockReason, type ProposalStatus } from '#shared';
import { submissionTime } from './demo-calendar';
import { planExamples } from './demo-proposal-texts';
import type { Random } from './demo-random';

/**
 * FY2024 (令和6年度) as the plan reports it: 191 実現完了（又は見込み）, 377 検討中等 and 80 その他,
 * 648 in all, plus a few withdrawn and merged proposals that leave the count.
 */
export const demoFiscalYear = 2024;

export const demoStatusCounts: Record<ProposalStatus, number> = {
  realised: 118,
  settled: 73,
  under_consideration: 235,
  received: 142,
  blocked: 80,
  withdrawn: 7,
  merged: 5,
};

export const demoBlockReasonCounts: Record<BlockReason, number> = {
  legal: 22,
  security: 26,
  budget: 14,
  system: 12,
  other: 6,
};

/**
 * Where each status typically sits in the year: early proposals are more often settled, late ones
 * still 受付. Each slot gets its status's position plus noise and the slots are dealt in date order.
 */
const typicalPosition: Record<ProposalStatus, number> = {
  realised: 0.3,
  settled: 0.42,
  blocked: 0.45,
  withdrawn: 0.5,
  merged: 0.5,
  under_consideration: 0.55,
  received: 0.78,
};

const dealStatuses = (random: Random): ProposalStatus[] => {
  const slots = (Object.entries(demoStatusCounts) as [ProposalStatus, number][]).flatMap(([status, count]) =>
    Array.from({ length: count }, () => ({ status, key: typicalPosition[status] + (random.next() - 0.5) })),
  );
  return slots.sort((a, b) => a.key - b.key).map((slot) => slot.status);
};

export type PlanExample = (typeof planExamples)[number];

/**
 * What is decided for the whole year before any proposal is written: submission dates in order,
 * the statuses dealt over them, the block reasons to hand out and which slots the plan's examples take.
 */
export const planDemoYear = (random: Random) => {
  const total = Object.values(demoStatusCounts).reduce((sum, count) => sum + count, 0);
  const dates = Array.from({ length: total }, () => submissionTime(random)).sort(
    (a, b) => a.getTime() - b.getTime(),
  );
  const statuses = dealStatuses(random);
  const blockReasons = random.shuffle(
    (Object.entries(demoBlockReasonCounts) as [BlockReason, number][]).flatMap(([reason, count]) =>
      Array<BlockReason>(count).fill(reason),
    ),
  );
  // The plan's realised examples go to the earliest realised proposals.
  const exampleAt = new Map<number, PlanExample>();
  statuses.forEach((status, index) => {
    if (status === 'realised' && exampleAt.size < planExamples.length && index > 0) {
      exampleAt.set(index, planExamples[exampleAt.size]!);
    }
  });
  return { total, dates, statuses, blockReasons, exampleAt };
};

export type YearPlan = ReturnType<typeof planDemoYear>;
