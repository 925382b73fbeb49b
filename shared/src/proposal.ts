import { z } from 'zod';
import { fiscalYearShortLabel, parseFiscalYear } from './fiscal-year';
import { blockReasons, proposalStatuses } from './proposal-status';
import { clearableTextField, commaListField, isUuid, optionalTextField, requiredTextField } from './text';

/**
 * A proposal category (分類) is organisation data in the `proposal_categories` table, which the office
 * manages (see master-data.ts); proposals keep its code. These are the codes a new installation
 * starts with (the seed's list; the labels live with the seed and the migration that moved them).
 */
export const initialProposalCategoryCodes = [
  'paperless',
  'digital',
  'efficiency',
  'workstyle',
  'workplace',
  'service',
  'organization',
  'other',
] as const;
export type InitialProposalCategory = (typeof initialProposalCategoryCodes)[number];
export type ProposalCategory = string;

/** A category code as a request names it; whether it exists (and is offered) is the server's check. */
export const categoryCodeField = z
  .string({ error: '分類を選んでください。' })
  .min(1, { error: '分類を選んでください。', abort: true })
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { error: '分類の値が正しくありません。' });

/** 短期・中期・長期: the horizon a responsible division plans a realisation on. */
export const horizons = ['short', 'medium', 'long'] as const;
export type Horizon = (typeof horizons)[number];
export const horizonLabels: Record<Horizon, string> = { short: '短期', medium: '中期', long: '長期' };

export const proposalLimits = {
  title: 100,
  body: 2000,
  expectedEffect: 1000,
  answer: 2000,
  coProposers: 10,
} as const;

/** `R6-0001`: era short label of the fiscal year and a gap-free sequence within it. */
export const formatProposalNumber = (fiscalYear: number, sequence: number): string =>
  `${fiscalYearShortLabel(fiscalYear)}-${String(sequence).padStart(4, '0')}`;

export const parseProposalNumber = (value: string): { fiscalYear: number; sequence: number } | undefined => {
  const match = /^([A-Za-z]\d{1,2})-(\d{4,6})$/.exec(value.normalize('NFKC').trim());
  if (!match) return undefined;
  const fiscalYear = parseFiscalYear(match[1]!);
  const sequence = Number(match[2]);
  if (fiscalYear === undefined || sequence < 1) return undefined;
  return { fiscalYear, sequence };
};

/** What a staff member submits (card or API). Card inputs arrive as strings; lists may be comma-joined. */
export const ProposalInputSchema = z.object({
  title: requiredTextField('件名', proposalLimits.title),
  body: requiredTextField('提案内容', proposalLimits.body),
  category: categoryCodeField,
  expectedEffect: optionalTextField('期待される効果', proposalLimits.expectedEffect),
  coProposerIds: commaListField().refine((ids) => ids.length <= proposalLimits.coProposers, {
    error: `共同提案者は${proposalLimits.coProposers}人までです。`,
  }),
  priorityProjectIds: commaListField().refine((ids) => ids.every(isUuid), {
    error: '関連する重点案件の指定が正しくありません。',
  }),
});
export type ProposalInput = z.output<typeof ProposalInputSchema>;

/*
 * Response shapes (`GET /api/proposals…` and every change that answers with the proposal). The zod
 * schemas are the one source: the server's routes serialise through them and the DTO types are
 * inferred from them. Plain shapes only (no transforms), so they can encode a response.
 */
export const PersonRefDtoSchema = z.object({ id: z.string(), displayName: z.string() });
export type PersonRefDto = z.infer<typeof PersonRefDtoSchema>;

export const DivisionRefDtoSchema = z.object({ id: z.string(), name: z.string() });
export type DivisionRefDto = z.infer<typeof DivisionRefDtoSchema>;

export const ProposalDtoSchema = z.object({
  id: z.string(),
  number: z.string(),
  fiscalYear: z.number(),
  title: z.string(),
  body: z.string(),
  category: z.string(),
  /** The category's current label (a retired one's too). */
  categoryLabel: z.string(),
  expectedEffect: z.string().nullable(),
  proposer: PersonRefDtoSchema.nullable(),
  proposerName: z.string(),
  coProposers: z.array(PersonRefDtoSchema),
  proposerDivision: DivisionRefDtoSchema.nullable(),
  responsibleDivision: DivisionRefDtoSchema.nullable(),
  horizon: z.enum(horizons).nullable(),
  status: z.enum(proposalStatuses),
  blockReason: z.enum(blockReasons).nullable(),
  blockReasonNote: z.string().nullable(),
  revisitOn: z.string().nullable(),
  /** The 所管課's realisation target date (実現目標日), YYYY-MM-DD. */
  targetOn: z.string().nullable(),
  answer: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  priorityProjectIds: z.array(z.string()),
  isPublished: z.boolean(),
  version: z.number(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  /** How many people support (賛同) it. */
  supportCount: z.number(),
  /** Whether the asker supports it (false where no one asks: cards sent to others). */
  supportedByMe: z.boolean(),
  /** Whether the asker follows it (フォロー). */
  followedByMe: z.boolean(),
});
export type ProposalDto = z.infer<typeof ProposalDtoSchema>;

/** A day of the calendar (Date.parse accepts 2024-02-30 as 1 March; the database refuses it). */
export const isCalendarDay = (value: string): boolean => {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1000 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日付は YYYY-MM-DD の形式で入力してください。' })
  .refine(isCalendarDay, { error: '存在しない日付です。' });

const uuidField = (label: string) => z.uuid({ error: `${label}の指定が正しくありません。` });

/**
 * What the 所管課 (its liaison, or the office) sets on the proposals assigned to it: 期間 and the
 * realisation target date (実現目標日). Absent fields stay; null clears.
 */
export const ProposalHandlingSchema = z
  .object({
    horizon: z.enum(horizons, { error: '期間の値が正しくありません。' }).nullish(),
    targetOn: isoDate.nullish(),
  })
  .strict();
export type ProposalHandling = z.output<typeof ProposalHandlingSchema>;

/** What the office changes on a proposal in triage. Absent fields stay as they are; null clears. */
export const ProposalTriageSchema = z
  .object({
    status: z.enum(proposalStatuses, { error: '状態の値が正しくありません。' }).optional(),
    blockReason: z.enum(blockReasons, { error: '理由の区分が正しくありません。' }).nullish(),
    blockReasonNote: clearableTextField('理由', 500),
    revisitOn: isoDate.nullish(),
    answer: clearableTextField('回答', proposalLimits.answer),
    responsibleDivisionId: uuidField('所管課').nullish(),
    horizon: z.enum(horizons, { error: '期間の値が正しくありません。' }).nullish(),
    isPublished: z.boolean({ error: '公開の値が正しくありません。' }).optional(),
  })
  .strict();
export type ProposalTriage = z.output<typeof ProposalTriageSchema>;
