import { z } from 'zod';
import { priorityProjectStatuses } from './priority-project';
import { DivisionRefDtoSchema } from './proposal';
import { reportGroups } from './proposal-status';

/** `?fiscalYear=2024` (a string in the query) for the dashboard and the 重点案件 list; absent = current. */
/** A fiscal year as text (a query string, a path): `2024`, with the Japanese messages people read. */
export const fiscalYearField = z.coerce
  .number({ error: '年度は数値（例: 2024）で指定してください。' })
  .int({ error: '年度は整数で指定してください。' })
  .min(1989, { error: '年度は1989年度以降を指定してください。' })
  .max(2100, { error: '年度は2100年度以前を指定してください。' });

export const FiscalYearQuerySchema = z.object({ fiscalYear: fiscalYearField.optional() });
export type FiscalYearQuery = z.infer<typeof FiscalYearQuerySchema>;

/**
 * The dashboard's query: a fiscal year and, for a division's channel tab, `divisionId` to restrict the
 * figures to that division's proposals (by proposer) and stamps (by sender).
 */
export const DashboardQuerySchema = FiscalYearQuerySchema.extend({
  divisionId: z.uuid({ error: '課の指定が正しくありません。' }).optional(),
});
export type DashboardQueryParams = z.infer<typeof DashboardQuerySchema>;

/*
 * `GET /api/dashboard`: the zod schemas are the response the route declares and the DTO types are
 * inferred from them (plain shapes, no transforms).
 */
export const FiscalYearOptionDtoSchema = z.object({
  fiscalYear: z.number(),
  /** 令和6年度 */
  label: z.string(),
});
export type FiscalYearOptionDto = z.infer<typeof FiscalYearOptionDtoSchema>;

/** One row of the plan's table (実現完了（又は見込み） 191 29.5%). */
export const StatusGroupRowDtoSchema = z.object({
  group: z.enum(reportGroups),
  label: z.string(),
  count: z.number(),
  share: z.number(),
});
export type StatusGroupRowDto = z.infer<typeof StatusGroupRowDtoSchema>;

export const StatusGroupTableDtoSchema = z.object({
  total: z.number(),
  rows: z.array(StatusGroupRowDtoSchema),
});
export type StatusGroupTableDto = z.infer<typeof StatusGroupTableDtoSchema>;

/** Counted proposals of one division or category, per report group. */
export const BreakdownRowDtoSchema = z.object({
  /** Division id or category code; null for 「未設定」 and for the 「その他」 roll-up row. */
  key: z.string().nullable(),
  label: z.string(),
  total: z.number(),
  counts: z.record(z.enum(reportGroups), z.number()),
  /** True for the row that sums everything beyond the top N. */
  isRest: z.boolean(),
});
export type BreakdownRowDto = z.infer<typeof BreakdownRowDtoSchema>;

export const MonthlyProposalPointDtoSchema = z.object({
  /** `2024-04` (Tokyo calendar month). */
  month: z.string(),
  /** `4月` */
  label: z.string(),
  /** Counted proposals of the fiscal year submitted this month (withdrawn and merged left out). */
  submissions: z.number(),
  /** Proposals that reached 実現見込み / 実現完了 this month (by realised_at), whichever year they came from. */
  realisations: z.number(),
});
export type MonthlyProposalPointDto = z.infer<typeof MonthlyProposalPointDtoSchema>;

export const MonthlyCountDtoSchema = z.object({ month: z.string(), label: z.string(), count: z.number() });
export type MonthlyCountDto = z.infer<typeof MonthlyCountDtoSchema>;

export const StampDivisionCountDtoSchema = z.object({
  divisionId: z.string().nullable(),
  label: z.string(),
  count: z.number(),
  isRest: z.boolean(),
});
export type StampDivisionCountDto = z.infer<typeof StampDivisionCountDtoSchema>;

export const StampKindCountDtoSchema = z.object({
  code: z.string(),
  label: z.string(),
  emoji: z.string(),
  isActive: z.boolean(),
  count: z.number(),
});
export type StampKindCountDto = z.infer<typeof StampKindCountDtoSchema>;

export const StampKpiDtoSchema = z.object({
  total: z.number(),
  /** Distinct senders in the fiscal year. */
  activeSenders: z.number(),
  monthly: z.array(MonthlyCountDtoSchema),
  bySenderDivision: z.array(StampDivisionCountDtoSchema),
  byKind: z.array(StampKindCountDtoSchema),
});
export type StampKpiDto = z.infer<typeof StampKpiDtoSchema>;

export const ProjectProgressSummaryDtoSchema = z.object({
  id: z.string(),
  /** `R6-1-2` */
  code: z.string(),
  themeNo: z.number(),
  themeTitle: z.string(),
  itemNo: z.number(),
  title: z.string(),
  status: z.enum(priorityProjectStatuses),
  statusLabel: z.string(),
  progress: z.number(),
  /** Linked proposals that count (withdrawn and merged left out). */
  linkedProposalCount: z.number(),
});
export type ProjectProgressSummaryDto = z.infer<typeof ProjectProgressSummaryDtoSchema>;

/** The published progress page: aggregates only, no personal data. */
export const DashboardDtoSchema = z.object({
  fiscalYear: z.number(),
  fiscalYearLabel: z.string(),
  /** The division the figures are restricted to (`?divisionId=`), or null for the whole organisation. */
  division: DivisionRefDtoSchema.nullable(),
  /** Fiscal years with proposals or projects, and the current one, newest first. */
  availableFiscalYears: z.array(FiscalYearOptionDtoSchema),
  /** The current fiscal year (the server's clock). */
  currentFiscalYear: z.number(),
  /** True when no year was asked for and the current one has no data: the latest with data is shown. */
  defaulted: z.boolean(),
  statusTable: StatusGroupTableDtoSchema,
  byProposerDivision: z.array(BreakdownRowDtoSchema),
  byCategory: z.array(BreakdownRowDtoSchema),
  monthly: z.array(MonthlyProposalPointDtoSchema),
  stamps: StampKpiDtoSchema,
  priorityProjects: z.array(ProjectProgressSummaryDtoSchema),
  generatedAt: z.string(),
});
export type DashboardDto = z.infer<typeof DashboardDtoSchema>;

/** The twelve months of a fiscal year, April to March, as `YYYY-MM` with their `4月` labels. */
export const fiscalYearMonths = (fiscalYear: number): { month: string; label: string }[] =>
  Array.from({ length: 12 }, (_, index) => {
    const monthNo = ((index + 3) % 12) + 1;
    const year = index < 9 ? fiscalYear : fiscalYear + 1;
    return { month: `${year}-${String(monthNo).padStart(2, '0')}`, label: `${monthNo}月` };
  });
