import { z } from 'zod';
import { categoryCodeField } from './proposal';
import { ProposalTriageSchema } from './proposal';
import { proposalStatuses } from './proposal-status';
import { maxSearchTermLength, maxSearchTerms } from './search';
import { clearableTextField, splitCommaList } from './text';

/**
 * Request shapes of the tab API (`/api/proposals…`), shared by the server (validation) and the tab
 * (typed client). Query strings arrive as strings; lists may repeat the key or be comma-joined.
 */
export const proposalListSortKeys = [
  'relevance',
  'submittedAt',
  'updatedAt',
  'number',
  'status',
  'title',
] as const;
export type ProposalListSortKey = (typeof proposalListSortKeys)[number];

export const proposalListMaxPageSize = 100;
/** Highest page number a list accepts (a larger offset would overflow PostgreSQL's bigint). */
export const proposalListMaxPage = 100_000;
export const proposalBulkMaxItems = 200;

const uuidParam = (label: string) => z.uuid({ error: `${label}の指定が正しくありません。` });

const intParam = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}は数値で指定してください。` })
    .int({ error: `${label}は整数で指定してください。` })
    .min(min, { error: `${label}は${min}以上で指定してください。` })
    .max(max, { error: `${label}は${max}以下で指定してください。` });

const listParam = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      value === undefined ? undefined : splitCommaList((Array.isArray(value) ? value : [value]).map(String)),
    z.array(item).optional(),
  );

/** The proposer-division filter's value for proposals without one (所属未設定: the office's queue). */
export const unsetDivisionFilter = 'none';

/** Filters shared by the list and the CSV export. */
const proposalFilterShape = {
  fiscalYear: intParam('年度', 1989, 2100).optional(),
  status: listParam(z.enum(proposalStatuses, { error: '状態の値が正しくありません。' })),
  category: categoryCodeField.optional(),
  proposerDivisionId: z
    .union([z.literal(unsetDivisionFilter), uuidParam('提案者の所属')], {
      error: '提案者の所属の指定が正しくありません。',
    })
    .optional(),
  responsibleDivisionId: uuidParam('所管課').optional(),
  priorityProjectId: uuidParam('重点案件').optional(),
  /** Only proposals the signed-in user proposed. */
  mine: z
    .enum(['true', 'false'], { error: 'mine は true か false で指定してください。' })
    .optional()
    .transform((value) => value === 'true'),
  q: z
    .string()
    .max(maxSearchTerms * (maxSearchTermLength + 1), { error: '検索語が長すぎます。' })
    .optional(),
};

/** `GET /api/proposals`: filters, sort and page. */
export const ProposalListQuerySchema = z.object({
  ...proposalFilterShape,
  sort: z.enum(proposalListSortKeys, { error: '並べ替えの指定が正しくありません。' }).default('relevance'),
  direction: z.enum(['asc', 'desc'], { error: '並び順は asc か desc で指定してください。' }).default('desc'),
  page: intParam('ページ', 1, proposalListMaxPage).default(1),
  pageSize: intParam('1ページの件数', 1, proposalListMaxPageSize).default(20),
});
export type ProposalListParams = z.output<typeof ProposalListQuerySchema>;

/** `GET /api/proposals/export.csv`: the list's filters, without sort and page. */
export const ProposalExportQuerySchema = z.object(proposalFilterShape);
export type ProposalExportParams = z.output<typeof ProposalExportQuerySchema>;

const versionField = z
  .number({ error: '版（version）を指定してください。' })
  .int({ error: '版（version）の指定が正しくありません。' })
  .min(1, { error: '版（version）の指定が正しくありません。' });

const commentField = clearableTextField('コメント', 1000);

/** `PATCH /api/proposals/:id`: triage fields, the version the office saw, an optional comment. */
export const ProposalTriageRequestSchema = ProposalTriageSchema.extend({
  version: versionField,
  comment: commentField,
}).strict();
export type ProposalTriageRequest = z.output<typeof ProposalTriageRequestSchema>;

/** `POST /api/proposals/:id/withdraw`. */
export const ProposalWithdrawRequestSchema = z.object({ version: versionField, comment: commentField });

/** `PUT /api/proposals/:id/projects/:projectId`: linking to a 重点案件, with an optional comment. */
export const ProposalLinkRequestSchema = z.object({ comment: commentField }).nullish();

/** `POST /api/proposals/:id/merge`: merge this proposal (a duplicate) into `intoId`. */
export const ProposalMergeRequestSchema = z.object({
  version: versionField,
  intoId: uuidParam('統合先の提案'),
  comment: commentField,
});
export type ProposalMergeRequest = z.output<typeof ProposalMergeRequestSchema>;

/** `POST /api/proposals/bulk-status`: one status change applied to each selected proposal. */
export const ProposalBulkStatusRequestSchema = z
  .object({
    items: z
      .array(z.object({ id: uuidParam('提案'), version: versionField }))
      .min(1, { error: '提案を1件以上選んでください。' })
      .max(proposalBulkMaxItems, { error: `一度に変更できるのは${proposalBulkMaxItems}件までです。` }),
    status: ProposalTriageSchema.shape.status.unwrap(),
    answer: ProposalTriageSchema.shape.answer,
    blockReason: ProposalTriageSchema.shape.blockReason,
    blockReasonNote: ProposalTriageSchema.shape.blockReasonNote,
    revisitOn: ProposalTriageSchema.shape.revisitOn,
    comment: commentField,
  })
  .strict();
export type ProposalBulkStatusRequest = z.output<typeof ProposalBulkStatusRequestSchema>;

/** `POST /api/proposals/import?dryRun=…`: dry run by default, so nothing is written by accident. */
export const ProposalImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun は true か false で指定してください。' })
    .default('true')
    .transform((value) => value === 'true'),
});
