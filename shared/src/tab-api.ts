import { z } from 'zod';
import type { ErrorCode, ErrorDetail } from './errors';
import { DivisionRefDtoSchema, PersonRefDtoSchema, ProposalDtoSchema } from './proposal';
import { proposalStatuses } from './proposal-status';
import { roles } from './roles';
import { StampKindDtoSchema } from './stamp-kind';

/**
 * Response shapes of the tab API that the server's services return and the tab's typed client reads.
 * (Request shapes live next to their validation schemas: proposal-api.ts, priority-project.ts, dashboard.ts.)
 *
 * Each JSON answer has a zod schema (`…Schema`) that the route declares as its response, so the
 * server sends exactly that shape; the DTO types are inferred from the schemas (one source of truth).
 * Response schemas are plain shapes without transforms: they encode what the services return.
 */

/** Every error response: `{ error: … }`, the message in Japanese. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; requestId: string };
}

/** `{ items: [...] }`: the answer of a list that is never paged. */
export const itemsSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export interface ItemsDto<T> {
  items: T[];
}

const roleList = z.array(z.enum(roles));

/** `GET /api/me`. */
export const CurrentUserDtoSchema = z.object({
  id: z.string(),
  aadObjectId: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: roleList,
  division: DivisionRefDtoSchema.nullable(),
  /** The divisions the user is the liaison (所管課担当) of. */
  liaisonDivisionIds: z.array(z.string()),
});
export type CurrentUserDto = z.infer<typeof CurrentUserDtoSchema>;

/** `GET /api/divisions`: the divisions (課) for filters and forms. */
export const DivisionListDtoSchema = itemsSchema(DivisionRefDtoSchema);

/** `GET /api/stamp-kinds`: the active kinds, in their order. */
export const StampKindListDtoSchema = itemsSchema(StampKindDtoSchema);

/** `GET /api/fiscal-years`: what a year picker offers (years with proposals or projects, and the current one). */
export const FiscalYearListDtoSchema = z.object({
  currentFiscalYear: z.number(),
  /** The current year, or the latest with data while the current has none. */
  defaultFiscalYear: z.number(),
  items: z.array(z.object({ fiscalYear: z.number(), label: z.string() })),
});
export type FiscalYearListDto = z.infer<typeof FiscalYearListDtoSchema>;

/** `GET /api/dev/users` (development sign-in only). */
export const DemoSignInUserDtoSchema = z.object({
  aadObjectId: z.string(),
  displayName: z.string(),
  division: z.string(),
  roles: roleList,
  description: z.string(),
});
export type DemoSignInUserDto = z.infer<typeof DemoSignInUserDtoSchema>;
export const DemoSignInUserListDtoSchema = itemsSchema(DemoSignInUserDtoSchema);

/** `POST /api/dev/sign-in`. */
export const DevSignInResultDtoSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), displayName: z.string(), roles: roleList }),
});
export type DevSignInResultDto = z.infer<typeof DevSignInResultDtoSchema>;

/** `GET /api/proposals`. */
export const ProposalPageDtoSchema = z.object({
  items: z.array(ProposalDtoSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ProposalPageDto = z.infer<typeof ProposalPageDtoSchema>;

export const historyActions = [
  'created',
  'imported',
  'status_changed',
  'updated',
  'merged',
  'withdrawn',
  'linked',
  'unlinked',
  'noted',
  'drafted',
] as const;
export type HistoryAction = (typeof historyActions)[number];

export const historyActionLabels: Record<HistoryAction, string> = {
  created: '提出',
  imported: '取込',
  status_changed: '状態の変更',
  updated: '内容の更新',
  merged: '統合',
  withdrawn: '取下げ',
  linked: '重点案件へ関連付け',
  unlinked: '重点案件の関連付け解除',
  noted: '内部メモ',
  drafted: '回答案',
};

/** Entries that are internal altogether (a note, a liaison's draft): shown only with the internal view. */
export const internalHistoryActions: readonly HistoryAction[] = ['noted', 'drafted'];

/** One audit entry: field → { from, to }. */
export const HistoryChangesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));
export type HistoryChanges = z.infer<typeof HistoryChangesSchema>;

/**
 * One entry of `GET /api/proposals/:id/history`, as the asker may see it (see history-access.ts on
 * the server): `comment` is null when it is an internal note (内部メモ) the asker may not read, and
 * `actorHidden` says that an office member acted whose name is not shown (the answer was not signed).
 */
export const ProposalHistoryEntryDtoSchema = z.object({
  id: z.number(),
  action: z.enum(historyActions),
  changes: HistoryChangesSchema,
  comment: z.string().nullable(),
  /** The comment is an internal note: shown only to the office, admins and the 所管課's liaisons. */
  commentInternal: z.boolean(),
  /** The office signed this answer: its author's name is shown to the proposers too. */
  signed: z.boolean(),
  createdAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorHidden: z.boolean(),
});
export type ProposalHistoryEntryDto = z.infer<typeof ProposalHistoryEntryDtoSchema>;

/** `GET /api/proposals/:id/history`, oldest first. */
export const ProposalHistoryDtoSchema = itemsSchema(ProposalHistoryEntryDtoSchema);
export type ProposalHistoryDto = z.infer<typeof ProposalHistoryDtoSchema>;

/** A 所管課 liaison's draft of the answer and status, waiting for the office (internal). */
export const ProposalDraftDtoSchema = z.object({
  status: z.enum(proposalStatuses).nullable(),
  answer: z.string().nullable(),
  author: PersonRefDtoSchema,
  updatedAt: z.string(),
});
export type ProposalDraftDto = z.infer<typeof ProposalDraftDtoSchema>;

/** `GET /api/proposals/:id/draft` and `PUT …/draft`: the draft, or null when there is none. */
export const ProposalDraftResultDtoSchema = z.object({ draft: ProposalDraftDtoSchema.nullable() });
export type ProposalDraftResultDto = z.infer<typeof ProposalDraftResultDtoSchema>;

/** Per proposal of a bulk status change: changed, or why not. */
export const BulkItemResultDtoSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), ok: z.literal(true), proposal: ProposalDtoSchema }),
  z.object({ id: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type BulkItemResultDto = z.infer<typeof BulkItemResultDtoSchema>;

/** `POST /api/proposals/bulk-status`: per proposal, changed or why not. */
export const ProposalBulkStatusResultDtoSchema = z.object({
  results: z.array(BulkItemResultDtoSchema),
  succeeded: z.number(),
  failed: z.number(),
});
export type ProposalBulkStatusResultDto = z.infer<typeof ProposalBulkStatusResultDtoSchema>;

/** `POST /api/proposals/:id/merge`: the merged duplicate and the proposal it went into. */
export const ProposalMergeResultDtoSchema = z.object({
  proposal: ProposalDtoSchema,
  into: ProposalDtoSchema,
});
export type ProposalMergeResultDto = z.infer<typeof ProposalMergeResultDtoSchema>;

/** `POST /api/proposals/import`: what was (or, on a dry run, would be) imported. */
export const ProposalImportResultDtoSchema = z.object({
  dryRun: z.boolean(),
  imported: z.number(),
  /** Proposal numbers in file order (taken or to be taken). */
  numbers: z.array(z.string()),
  /** 所属 / 所管課 names no division has yet, which the import creates (file order). */
  newDivisions: z.array(z.string()),
});
export type ProposalImportResultDto = z.infer<typeof ProposalImportResultDtoSchema>;
