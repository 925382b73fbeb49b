import { z } from 'zod';
import { FiscalYearOptionDtoSchema, fiscalYearField, StatusGroupTableDtoSchema } from './dashboard';
import { fiscalYearLabel } from './fiscal-year';
import { reportGroups } from './proposal-status';

/**
 * 提案集: the yearly collection of the proposals the office published, with the plan's status table.
 * One service (bot/src/services/collection/) feeds both the Excel workbook
 * (`GET /api/collection/:fiscalYear.xlsx`) and the print page (`GET /api/collection/:fiscalYear`).
 */

/** `/api/collection/2024` and `/api/collection/2024.xlsx`. */
export const CollectionParamsSchema = z.object({ fiscalYear: fiscalYearField });
export type CollectionParams = z.output<typeof CollectionParamsSchema>;

/** `令和6年度 職員提案集` */
export const collectionTitle = (fiscalYear: number): string => `${fiscalYearLabel(fiscalYear)} 職員提案集`;

/** `令和6年度 職員提案 実現・検討状況`: the plan's heading of its status table. */
export const collectionStatusTitle = (fiscalYear: number): string =>
  `${fiscalYearLabel(fiscalYear)} 職員提案 実現・検討状況`;

/** The plan's label of the total row of its status table. */
export const collectionTotalLabel = '全体件数';

/** The plan's footnotes under its status table, as the collection prints them. */
export const collectionStatusNotes = (fiscalYear: number): string[] => [
  `※ ${fiscalYearLabel(fiscalYear)}に受け付けた提案の件数（取下げ・統合を除く）。`,
  '※ その他は法律上の制約やセキュリティ上の課題など、現時点で検討に着手できないもの。',
];

export const CollectionProjectDtoSchema = z.object({
  /** `R6-1-2` */
  code: z.string(),
  title: z.string(),
});
export type CollectionProjectDto = z.infer<typeof CollectionProjectDtoSchema>;

/** One proposal of the collection: what a published proposal shows every member of staff, no names. */
export const CollectionEntryDtoSchema = z.object({
  /** `R6-0001` */
  number: z.string(),
  title: z.string(),
  body: z.string(),
  /** 提案時の所属: the proposer's division when the proposal was submitted. */
  proposerDivisionName: z.string().nullable(),
  categoryCode: z.string(),
  categoryLabel: z.string(),
  statusGroup: z.enum(reportGroups),
  /** 実現完了（又は見込み） / 検討中等 / その他 */
  statusGroupLabel: z.string(),
  /** The office's answer, printed as 講評. */
  answer: z.string().nullable(),
  responsibleDivisionName: z.string().nullable(),
  priorityProjects: z.array(CollectionProjectDtoSchema),
  /** 賛同数 */
  supportCount: z.number(),
});
export type CollectionEntryDto = z.infer<typeof CollectionEntryDtoSchema>;

export const CollectionCategoryDtoSchema = z.object({ code: z.string(), label: z.string() });
export type CollectionCategoryDto = z.infer<typeof CollectionCategoryDtoSchema>;

/** Everything of the collection but its proposals: the cover. */
export const CollectionHeaderDtoSchema = z.object({
  fiscalYear: z.number(),
  fiscalYearLabel: z.string(),
  /** `令和6年度 職員提案集` */
  title: z.string(),
  /** The day it was made, `令和8年12月6日` (the plan prints 「R6.6時点」 under its table). */
  asOfLabel: z.string(),
  /** The dashboard's table of the year: every counted proposal, published or not. */
  statusTable: StatusGroupTableDtoSchema,
  /** Categories in the office's order (retired ones included: old proposals keep theirs). */
  categories: z.array(CollectionCategoryDtoSchema),
  /** Fiscal years with data and the current one, newest first (the builder's year select). */
  availableFiscalYears: z.array(FiscalYearOptionDtoSchema),
  generatedAt: z.string(),
});
export type CollectionHeaderDto = z.infer<typeof CollectionHeaderDtoSchema>;

/** `GET /api/collection/:fiscalYear`: the cover and the published proposals in number order. */
export const CollectionDtoSchema = CollectionHeaderDtoSchema.extend({
  entries: z.array(CollectionEntryDtoSchema),
});
export type CollectionDto = z.infer<typeof CollectionDtoSchema>;

/** Where the print page breaks pages: before every proposal, or before every category. */
export const collectionPageBreaks = ['proposal', 'category'] as const;
export type CollectionPageBreak = (typeof collectionPageBreaks)[number];

export const collectionPageBreakLabels: Record<CollectionPageBreak, string> = {
  proposal: '提案ごとに改ページ',
  category: '分類ごとに改ページ',
};
