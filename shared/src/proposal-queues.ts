import { z } from 'zod';

/**
 * The work queues of the office and the 所管課 liaisons: saved views of the proposal list, each a
 * named server-side filter (bot/src/data/repositories/proposal-queue-filters.ts) with its own index.
 * Who may open which, and how a liaison's are narrowed to their divisions, is
 * bot/src/services/proposals/proposal-queues.ts with the rule of proposal-access.ts.
 *
 * - 所管課の回答待ち (`awaiting_division`): open, assigned to a 所管課, no answer yet and no draft of
 *   the 所管課's waiting — the ball is in the 所管課's court. A draft moves it to 承認待ち.
 * - 承認待ち (`awaiting_approval`): a draft of the answer or status (a liaison's, or an office member's)
 *   waits for the office's approval, whatever the proposal's status.
 * - 自分の課 (`my_division`): open proposals assigned to one of the liaison's divisions.
 */
export const proposalQueueKeys = [
  'my_division',
  'unanswered',
  'unassigned',
  'awaiting_division',
  'awaiting_approval',
  'revisit_due',
  'stale',
] as const;
export type ProposalQueueKey = (typeof proposalQueueKeys)[number];

export const proposalQueueLabels: Record<ProposalQueueKey, string> = {
  my_division: '自分の課',
  unanswered: '未回答',
  unassigned: '所管課未定',
  awaiting_division: '所管課の回答待ち',
  awaiting_approval: '承認待ち',
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
