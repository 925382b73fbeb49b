import { z } from 'zod';

/**
 * The office's work queues: saved views of the proposal list, each a named server-side filter
 * (bot/src/data/repositories/proposal-queue-filters.ts) with its own index. A queue the liaison role
 * or answer drafts will need (所管課の回答待ち, 承認待ち, 自分の課) is one more key here and one more
 * entry there.
 */
export const proposalQueueKeys = ['unanswered', 'unassigned', 'revisit_due', 'stale'] as const;
export type ProposalQueueKey = (typeof proposalQueueKeys)[number];

export const proposalQueueLabels: Record<ProposalQueueKey, string> = {
  unanswered: '未回答',
  unassigned: '所管課未定',
  revisit_due: '再検討時期が到来',
  stale: '30日以上更新なし',
};

/** Days without an update after which an open proposal counts as long untouched. */
export const staleAfterDays = 30;

export const ProposalQueueKeySchema = z.enum(proposalQueueKeys, {
  error: 'キューの指定が正しくありません。',
});

/** `GET /api/proposals/queues`: the queues the user may open, with how many proposals each holds. */
export const ProposalQueueCountsDtoSchema = z.object({
  items: z.array(z.object({ key: ProposalQueueKeySchema, label: z.string(), count: z.number() })),
});
export type ProposalQueueCountsDto = z.infer<typeof ProposalQueueCountsDtoSchema>;
