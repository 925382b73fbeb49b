import { z } from 'zod';
import { categoryCodeField, proposalLimits } from './proposal';
import { ProposalHandlingSchema, ProposalInputSchema, ProposalTriageSchema } from './proposal';
import { ProposalQueueKeySchema } from './proposal-queues';
import { proposalStatuses } from './proposal-status';
import { maxSearchTermLength, maxSearchTerms } from './search';
import { clearableTextField, splitCommaList, textField } from './text';

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
  'supportCount',
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
  /** A work queue (saved view) of the office. */
  queue: ProposalQueueKeySchema.optional(),
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

/** An internal note (内部メモ): kept with the history entry, never shown to the proposers. */
const noteField = clearableTextField('内部メモ', 1000);

/** Whether the office signs an answer: only then do the proposers see who answered. */
const signAnswerField = z.boolean({ error: '署名の指定が正しくありません。' }).optional();

/**
 * `PATCH /api/proposals/:id`: triage fields, the version the office saw, an optional internal note
 * (`comment`), and whether the answer is signed with the office member's name.
 */
export const ProposalTriageRequestSchema = ProposalTriageSchema.extend({
  version: versionField,
  comment: noteField,
  signAnswer: signAnswerField,
}).strict();
export type ProposalTriageRequest = z.output<typeof ProposalTriageRequestSchema>;

/**
 * `POST /api/proposals/:id/withdraw`: the proposer's own (comment optional), or the office's on the
 * proposer's behalf (the comment is then the reason, and required).
 */
export const ProposalWithdrawRequestSchema = z.object({ version: versionField, comment: commentField });

/**
 * `PATCH /api/proposals/:id/content`: the proposer corrects their proposal while it is still 受付.
 * Fields left out stay as they are.
 */
export const ProposalEditRequestSchema = z
  .object({
    version: versionField,
    title: ProposalInputSchema.shape.title.optional(),
    body: ProposalInputSchema.shape.body.optional(),
    category: ProposalInputSchema.shape.category.optional(),
  })
  .strict()
  .refine((edit) => edit.title !== undefined || edit.body !== undefined || edit.category !== undefined, {
    error: '修正する項目を入力してください。',
  });
export type ProposalEditRequest = z.output<typeof ProposalEditRequestSchema>;

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
    comment: noteField,
  })
  .strict();
export type ProposalBulkStatusRequest = z.output<typeof ProposalBulkStatusRequestSchema>;

/**
 * `POST /api/proposals/bulk-handling`: 所管課 and/or 期間 set on each selected proposal. A field left
 * out stays as each proposal has it; null clears it (未定).
 */
export const ProposalBulkHandlingRequestSchema = z
  .object({
    items: ProposalBulkStatusRequestSchema.shape.items,
    responsibleDivisionId: ProposalTriageSchema.shape.responsibleDivisionId,
    horizon: ProposalTriageSchema.shape.horizon,
    comment: commentField,
  })
  .strict()
  .refine((body) => body.responsibleDivisionId !== undefined || body.horizon !== undefined, {
    error: '変更する所管課か期間を選んでください。',
  });
export type ProposalBulkHandlingRequest = z.output<typeof ProposalBulkHandlingRequestSchema>;

/** `POST /api/proposals/import?dryRun=…`: dry run by default, so nothing is written by accident. */
export const ProposalImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun は true か false で指定してください。' })
    .default('true')
    .transform((value) => value === 'true'),
});

/** `POST /api/proposals/:id/notes`: an internal note (内部メモ) of the office or the 所管課's liaison. */
export const ProposalNoteRequestSchema = z.object({ body: textField('内部メモ', 1000) }).strict();
export type ProposalNoteRequest = z.input<typeof ProposalNoteRequestSchema>;

/**
 * `PUT /api/proposals/:id/draft`: a liaison's draft of the answer and the status, for the office to
 * approve. 「その他」 needs a reason the office sets, so a draft proposes the other statuses.
 */
export const ProposalDraftRequestSchema = z
  .object({
    status: z
      .enum(['received', 'under_consideration', 'settled', 'realised'], {
        error: '回答案の状態は 受付・検討中・実現見込み・実現完了 から選んでください。',
      })
      .nullish(),
    answer: clearableTextField('回答案', proposalLimits.answer),
  })
  .strict();
export type ProposalDraftRequest = z.input<typeof ProposalDraftRequestSchema>;

/**
 * `POST /api/proposals/:id/draft/approve` (office): the draft's status and answer, unless this request
 * changes them, applied by the office's triage (which tells the proposer), and the draft closed.
 */
export const ProposalDraftApproveRequestSchema = ProposalTriageSchema.pick({ status: true, answer: true })
  .extend({ version: versionField, comment: noteField, signAnswer: signAnswerField })
  .strict();
export type ProposalDraftApproveRequest = z.input<typeof ProposalDraftApproveRequestSchema>;

/** `PATCH /api/proposals/:id/handling` (the 所管課's liaison or the office): 期間 and 実現目標日. */
export const ProposalHandlingRequestSchema = ProposalHandlingSchema.extend({
  version: versionField,
}).strict();
export type ProposalHandlingRequest = z.input<typeof ProposalHandlingRequestSchema>;
