import { z } from 'zod';
import { PersonRefDtoSchema } from './proposal';
import { requiredTextField } from './text';

/**
 * Comments on published proposals (コメント), their hiding by the office (非表示) and reports by anyone
 * (通報): request and response shapes of the tab API, shared by the server and the tab.
 */
export const commentLimits = {
  /** Characters (code points) of a comment, after trimming. */
  bodyMax: 1000,
  /** Characters of a reason to hide or report. */
  reasonMax: 500,
  /** Comments a proposal's list returns at most (the latest, oldest first). */
  listMax: 200,
  /** Reported comments the office's queue shows at most (the most recently reported first). */
  queueMax: 100,
} as const;

/** What staff see in place of a comment the office hid. */
export const hiddenCommentNotice = 'このコメントは推進室により非表示にされました';

/** `POST /api/proposals/:id/comments`. */
export const CommentPostRequestSchema = z
  .object({ body: requiredTextField('コメント', commentLimits.bodyMax) })
  .strict();
export type CommentPostRequest = z.input<typeof CommentPostRequestSchema>;

/** `POST /api/comments/:id/hide` (the office): the reason is required and kept in the audit log. */
export const CommentHideRequestSchema = z
  .object({ reason: requiredTextField('非表示にする理由', commentLimits.reasonMax) })
  .strict();
export type CommentHideRequest = z.input<typeof CommentHideRequestSchema>;

/** `POST /api/comments/:id/report` (anyone who may read it, once). */
export const CommentReportRequestSchema = z
  .object({ reason: requiredTextField('通報の理由', commentLimits.reasonMax) })
  .strict();
export type CommentReportRequest = z.input<typeof CommentReportRequestSchema>;

/** `POST /api/comments/:id/reports/dismiss` (the office): the reports are settled, the comment stays. */
export const CommentDismissRequestSchema = z
  .object({ reason: requiredTextField('対応のメモ', commentLimits.reasonMax).optional() })
  .strict();
export type CommentDismissRequest = z.input<typeof CommentDismissRequestSchema>;

/** A hidden comment as the office (and, for the reason only, its author) sees it. */
export const CommentModerationDtoSchema = z.object({
  hiddenAt: z.string(),
  reason: z.string(),
  /** Who hid it: the office only. */
  hiddenBy: PersonRefDtoSchema.nullable(),
  /** The body as it was, from the audit log: the office only. */
  body: z.string().nullable(),
});
export type CommentModerationDto = z.infer<typeof CommentModerationDtoSchema>;

/**
 * One comment as the actor sees it. A hidden comment has neither body nor author for staff (they see
 * `hiddenCommentNotice` in its place); its author also sees the reason; the office the body, the
 * reason and who hid it.
 */
export const ProposalCommentDtoSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  author: PersonRefDtoSchema.nullable(),
  body: z.string().nullable(),
  createdAt: z.string(),
  hidden: z.boolean(),
  moderation: CommentModerationDtoSchema.nullable(),
  /** The actor wrote it. */
  mine: z.boolean(),
  /** The actor reported it already (a second report is refused). */
  reportedByMe: z.boolean(),
  /** Open reports (the office only; 0 for others). */
  openReports: z.number(),
});
export type ProposalCommentDto = z.infer<typeof ProposalCommentDtoSchema>;

/** `GET /api/proposals/:id/comments`: the latest comments, oldest first. */
export const ProposalCommentsDtoSchema = z.object({
  items: z.array(ProposalCommentDtoSchema),
  /** All comments of the proposal (hidden ones included). */
  total: z.number(),
  /** The actor may hide comments and sees the reports (the office, admins). */
  canModerate: z.boolean(),
});
export type ProposalCommentsDto = z.infer<typeof ProposalCommentsDtoSchema>;

/** One report of a comment, in the office's queue. */
export const CommentReportEntryDtoSchema = z.object({
  reporter: PersonRefDtoSchema,
  reason: z.string(),
  createdAt: z.string(),
});

/** `GET /api/comment-reports` (the office): reported comments with open reports, newest report first. */
export const ReportedCommentDtoSchema = z.object({
  comment: ProposalCommentDtoSchema,
  proposal: z.object({ id: z.string(), number: z.string(), title: z.string() }),
  reports: z.array(CommentReportEntryDtoSchema),
  lastReportedAt: z.string(),
});
export type ReportedCommentDto = z.infer<typeof ReportedCommentDtoSchema>;

export const ReportedCommentsDtoSchema = z.object({
  items: z.array(ReportedCommentDtoSchema),
  /** Comments with open reports (the queue shows `commentLimits.queueMax` at most). */
  total: z.number(),
});
export type ReportedCommentsDto = z.infer<typeof ReportedCommentsDtoSchema>;
