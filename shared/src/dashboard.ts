import { z } from 'zod';
import type { PriorityProjectStatus } from './priority-project';
import type { DivisionRefDto } from './proposal';
import type { ReportGroup } from './proposal-status';

/** `?fiscalYear=2024` (a string in the query) for the dashboard and the 重点案件 list; absent = current. */
export const FiscalYearQuerySchema = z.object({
  fiscalYear: z.coerce
    .number({ error: '年度は数値で指定してください。' })
    .int({ error: '年度は整数で指定してください。' })
    .min(1989, { error: '年度は1989年度以降を指定してください。' })
    .max(2100, { error: '年度は2100年度以前を指定してください。' })
    .optional(),
});
export type FiscalYearQuery = z.infer<typeof FiscalYearQuerySchema>;

/**
 * The dashboard's query: a fiscal year and, for a division's channel tab, `divisionId` to restrict the
 * figures to that division's proposals (by proposer) and stamps (by sender).
 */
export const DashboardQuerySchema = FiscalYearQuerySchema.extend({
  divisionId: z.uuid({ error: '課の指定が正しくありません。' }).optional(),
});
export type DashboardQueryParams = z.infer<typeof DashboardQuerySchema>;

export interface FiscalYearOptionDto {
  fiscalYear: number;
  /** 令和6年度 */
  label: string;
}

/** One row of the plan's table (実現完了（又は見込み） 191 29.5%). */
export interface StatusGroupRowDto {
  group: ReportGroup;
  label: string;
  count: number;
  share: number;
}

export interface StatusGroupTableDto {
  total: number;
  rows: StatusGroupRowDto[];
}

/** Counted proposals of one division or category, per report group. */
export interface BreakdownRowDto {
  /** Division id or category code; null for 「未設定」 and for the 「その他」 roll-up row. */
  key: string | null;
  label: string;
  total: number;
  counts: Record<ReportGroup, number>;
  /** True for the row that sums everything beyond the top N. */
  isRest: boolean;
}

export interface MonthlyProposalPointDto {
  /** `2024-04` (Tokyo calendar month). */
  month: string;
  /** `4月` */
  label: string;
  /** Counted proposals of the fiscal year submitted this month (withdrawn and merged left out). */
  submissions: number;
  /** Proposals that reached 実現見込み / 実現完了 this month (by realised_at), whichever year they came from. */
  realisations: number;
}

export interface MonthlyCountDto {
  month: string;
  label: string;
  count: number;
}

export interface StampDivisionCountDto {
  divisionId: string | null;
  label: string;
  count: number;
  isRest: boolean;
}

export interface StampKindCountDto {
  code: string;
  label: string;
  emoji: string;
  isActive: boolean;
  count: number;
}

export interface StampKpiDto {
  total: number;
  /** Distinct senders in the fiscal year. */
  activeSenders: number;
  monthly: MonthlyCountDto[];
  bySenderDivision: StampDivisionCountDto[];
  byKind: StampKindCountDto[];
}

export interface ProjectProgressSummaryDto {
  id: string;
  /** `R6-1-2` */
  code: string;
  themeNo: number;
  themeTitle: string;
  itemNo: number;
  title: string;
  status: PriorityProjectStatus;
  statusLabel: string;
  progress: number;
  /** Linked proposals that count (withdrawn and merged left out). */
  linkedProposalCount: number;
}

/** The published progress page: aggregates only, no personal data. */
export interface DashboardDto {
  fiscalYear: number;
  fiscalYearLabel: string;
  /** The division the figures are restricted to (`?divisionId=`), or null for the whole organisation. */
  division: DivisionRefDto | null;
  /** Fiscal years with proposals or projects, and the current one, newest first. */
  availableFiscalYears: FiscalYearOptionDto[];
  statusTable: StatusGroupTableDto;
  byProposerDivision: BreakdownRowDto[];
  byCategory: BreakdownRowDto[];
  monthly: MonthlyProposalPointDto[];
  stamps: StampKpiDto;
  priorityProjects: ProjectProgressSummaryDto[];
  generatedAt: string;
}

/** The twelve months of a fiscal year, April to March, as `YYYY-MM` with their `4月` labels. */
export const fiscalYearMonths = (fiscalYear: number): { month: string; label: string }[] =>
  Array.from({ length: 12 }, (_, index) => {
    const monthNo = ((index + 3) % 12) + 1;
    const year = index < 9 ? fiscalYear : fiscalYear + 1;
    return { month: `${year}-${String(monthNo).padStart(2, '0')}`, label: `${monthNo}月` };
  });
