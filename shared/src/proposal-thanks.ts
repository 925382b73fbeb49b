import { z } from 'zod';
import { DashboardQuerySchema, StampKpiDtoSchema } from './dashboard';

/**
 * `GET /api/proposals/:id/thanks`: the action stamps that refer to the proposal (「この提案について」).
 * Kind, sender, recipient and date are shown to whoever sees the proposal; a message only to the
 * stamp's sender and recipient (stamp-access.ts).
 */
export const ProposalThanksDtoSchema = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.object({ code: z.string(), label: z.string(), emoji: z.string() }),
      sender: z.object({ id: z.string(), displayName: z.string() }),
      recipient: z.object({ id: z.string(), displayName: z.string() }),
      /** Null unless the viewer sent or received it. */
      message: z.string().nullable(),
      sentAt: z.string(),
    }),
  ),
});
export type ProposalThanksDto = z.infer<typeof ProposalThanksDtoSchema>;

/** How many thanks the proposal's page lists (newest first; the total says how many there are). */
export const proposalThanksLimit = 100;

/** `GET /api/dashboard/stamps?fiscalYear=…&about=subject`: the stamp KPIs of stamps about a proposal or 重点案件. */
export const SubjectStampQuerySchema = DashboardQuerySchema.extend({
  about: z.enum(['subject'], { error: '絞り込みの指定が正しくありません。' }),
});

export const SubjectStampKpiDtoSchema = z.object({
  fiscalYear: z.number(),
  stamps: StampKpiDtoSchema,
});
export type SubjectStampKpiDto = z.infer<typeof SubjectStampKpiDtoSchema>;
