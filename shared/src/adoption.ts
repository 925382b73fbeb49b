import { z } from 'zod';
import { FiscalYearQuerySchema } from './dashboard';
import { isCalendarDay } from './proposal';
import type { ProposalStatus } from './proposal-status';
import { optionalTextField } from './text';

/**
 * 横展開: a division records that it adopted a realised proposal (「うちの課でも導入した」) or is
 * considering it (「導入を検討中」). One record per proposal and division: a division moves its record
 * from considering to adopted rather than adding a second one.
 */
export const adoptionStates = ['adopted', 'considering'] as const;
export type AdoptionState = (typeof adoptionStates)[number];

export const adoptionStateLabels: Record<AdoptionState, string> = {
  adopted: 'うちの課でも導入した',
  considering: '導入を検討中',
};

/** Short labels for lists and the dashboard. */
export const adoptionStateShortLabels: Record<AdoptionState, string> = {
  adopted: '導入済み',
  considering: '検討中',
};

export const adoptionLimits = { note: 200 } as const;

/**
 * Which proposals divisions may record adoptions on: 実現完了 only (a 実現見込み proposal is settled but
 * not yet in place, so there is nothing to adopt yet). Publication and visibility are checked too.
 */
export const acceptsAdoptions = (status: ProposalStatus): boolean => status === 'realised';

const adoptionDate = z
  .string({ error: '日付を入力してください。' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日付は YYYY-MM-DD の形式で入力してください。' })
  .refine(isCalendarDay, { error: '存在しない日付です。' });

/** `PUT /api/proposals/:id/adoptions/:divisionId`: the division's record (created or updated). */
export const AdoptionRequestSchema = z.object({
  state: z.enum(adoptionStates, { error: '「導入した」か「導入を検討中」を選んでください。' }),
  note: optionalTextField('ひとこと', adoptionLimits.note),
  /** Absent: today (Tokyo). */
  adoptedOn: adoptionDate.optional(),
});
export type AdoptionRequest = z.output<typeof AdoptionRequestSchema>;
/** What the tab sends. */
export type AdoptionRequestBody = z.input<typeof AdoptionRequestSchema>;

export const AdoptionDtoSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  division: z.object({ id: z.string(), name: z.string() }),
  state: z.enum(adoptionStates),
  stateLabel: z.string(),
  note: z.string().nullable(),
  adoptedOn: z.string(),
  /** Who recorded it last (a member of the division, its liaison, or the office). */
  recordedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type AdoptionDto = z.infer<typeof AdoptionDtoSchema>;

/** `GET /api/proposals/:id/adoptions`: the records, and the divisions the actor may record for. */
export const ProposalAdoptionsDtoSchema = z.object({
  /** Whether the proposal accepts records now (実現完了 and published). */
  open: z.boolean(),
  items: z.array(AdoptionDtoSchema),
  /** Divisions the actor may record for (own 所属, liaison divisions; the office: every division). */
  recordableDivisions: z.array(z.object({ id: z.string(), name: z.string() })),
  adoptedCount: z.number(),
  consideringCount: z.number(),
});
export type ProposalAdoptionsDto = z.infer<typeof ProposalAdoptionsDtoSchema>;

/** `GET /api/dashboard/adoptions?fiscalYear=2024`. */
export const AdoptionDashboardQuerySchema = FiscalYearQuerySchema.extend({
  top: z.coerce
    .number({ error: '件数は数値で指定してください。' })
    .int({ error: '件数は整数で指定してください。' })
    .min(1, { error: '件数は1以上で指定してください。' })
    .max(50, { error: '件数は50以下で指定してください。' })
    .optional(),
});

const adoptionCountsSchema = z.object({ adopted: z.number(), considering: z.number() });

export const AdoptionDashboardDtoSchema = z.object({
  fiscalYear: z.number(),
  fiscalYearLabel: z.string(),
  /** Records dated (adopted_on) in the fiscal year. */
  total: adoptionCountsSchema,
  /** Distinct proposals with at least one record in the year. */
  proposalCount: z.number(),
  byProposal: z.array(
    adoptionCountsSchema.extend({
      proposalId: z.string(),
      number: z.string(),
      title: z.string(),
      responsibleDivisionName: z.string().nullable(),
    }),
  ),
  byDivision: z.array(
    adoptionCountsSchema.extend({
      divisionId: z.string(),
      label: z.string(),
    }),
  ),
});
export type AdoptionDashboardDto = z.infer<typeof AdoptionDashboardDtoSchema>;
