import { z } from 'zod';
import { fiscalYearShortLabel } from './fiscal-year';
import { proposalStatuses } from './proposal-status';
import { requiredTextField, textField } from './text';

/** Progress states of a 重点案件, managed by the project team (PT). */
export const priorityProjectStatuses = ['planned', 'in_progress', 'done', 'on_hold'] as const;
export type PriorityProjectStatus = (typeof priorityProjectStatuses)[number];

export const priorityProjectStatusLabels: Record<PriorityProjectStatus, string> = {
  planned: '未着手',
  in_progress: '進行中',
  done: '完了',
  on_hold: '保留',
};

/** `R6-1-2`: fiscal year, theme and item, as the plan numbers its priority projects. */
export const formatPriorityProjectCode = (fiscalYear: number, themeNo: number, itemNo: number): string =>
  `${fiscalYearShortLabel(fiscalYear)}-${themeNo}-${itemNo}`;

export const priorityProjectLimits = {
  themeTitle: 100,
  title: 100,
  description: 1000,
  milestoneTitle: 100,
  milestones: 20,
  note: 2000,
} as const;

const fiscalYearField = z
  .number({ error: '年度は数値で指定してください。' })
  .int({ error: '年度は整数で指定してください。' })
  .min(1989, { error: '年度は1989年度以降を指定してください。' })
  .max(2100, { error: '年度は2100年度以前を指定してください。' });

const numberField = (label: string) =>
  z
    .number({ error: `${label}は数値で指定してください。` })
    .int({ error: `${label}は整数で指定してください。` })
    .min(1, { error: `${label}は1以上で指定してください。` })
    .max(99, { error: `${label}は99以下で指定してください。` });

const progressField = z
  .number({ error: '進捗率は数値で指定してください。' })
  .int({ error: '進捗率は整数で指定してください。' })
  .min(0, { error: '進捗率は0〜100で指定してください。' })
  .max(100, { error: '進捗率は0〜100で指定してください。' });

const statusField = z.enum(priorityProjectStatuses, { error: '進捗状況の値が正しくありません。' });

const divisionIdField = z.uuid({ error: '担当課の指定が正しくありません。' }).nullable();

export const MilestoneSchema = z.object({
  title: requiredTextField('マイルストーン名', priorityProjectLimits.milestoneTitle),
  dueOn: z.iso.date({ error: '期限は YYYY-MM-DD 形式で入力してください。' }).nullable().default(null),
  done: z.boolean({ error: '完了の指定が正しくありません。' }).default(false),
});
export type MilestoneInput = z.infer<typeof MilestoneSchema>;

const milestonesField = z
  .array(MilestoneSchema, { error: 'マイルストーンの指定が正しくありません。' })
  .max(priorityProjectLimits.milestones, {
    error: `マイルストーンは${priorityProjectLimits.milestones}件以内で指定してください。`,
  });

export const PriorityProjectCreateSchema = z.object({
  fiscalYear: fiscalYearField,
  themeNo: numberField('テーマ番号'),
  themeTitle: requiredTextField('テーマ名', priorityProjectLimits.themeTitle),
  itemNo: numberField('項目番号'),
  title: requiredTextField('案件名', priorityProjectLimits.title),
  description: textField('内容', priorityProjectLimits.description).default(''),
  ownerDivisionId: divisionIdField.optional(),
  milestones: milestonesField.default([]),
});
export type PriorityProjectCreateInput = z.infer<typeof PriorityProjectCreateSchema>;

/** An edit: absent fields stay; `version` is the one the editor saw (optimistic locking). */
export const PriorityProjectUpdateSchema = z.object({
  version: z
    .number({ error: '版番号（version）を指定してください。' })
    .int({ error: '版番号（version）が正しくありません。' })
    .min(1, { error: '版番号（version）が正しくありません。' }),
  themeTitle: requiredTextField('テーマ名', priorityProjectLimits.themeTitle).optional(),
  title: requiredTextField('案件名', priorityProjectLimits.title).optional(),
  description: textField('内容', priorityProjectLimits.description).optional(),
  ownerDivisionId: divisionIdField.optional(),
  milestones: milestonesField.optional(),
});
export type PriorityProjectUpdateInput = z.infer<typeof PriorityProjectUpdateSchema>;

/** A progress report of the project team: the project's new figures and what happened. */
export const ProgressUpdateSchema = z.object({
  progress: progressField,
  status: statusField,
  note: textField('報告内容', priorityProjectLimits.note).default(''),
  /** When given, the update is refused if someone changed the project since. */
  version: z
    .number({ error: '版番号（version）が正しくありません。' })
    .int({ error: '版番号（version）が正しくありません。' })
    .min(1, { error: '版番号（version）が正しくありません。' })
    .optional(),
});
export type ProgressUpdateInput = z.infer<typeof ProgressUpdateSchema>;

export const CopyPriorityProjectsSchema = z
  .object({ fromFiscalYear: fiscalYearField, toFiscalYear: fiscalYearField })
  .refine((value) => value.fromFiscalYear !== value.toFiscalYear, {
    error: 'コピー元とコピー先に同じ年度は指定できません。',
    path: ['toFiscalYear'],
  });
export type CopyPriorityProjectsInput = z.infer<typeof CopyPriorityProjectsSchema>;

export const PriorityProjectIdParamsSchema = z.object({
  id: z.uuid({ error: '重点案件の指定が正しくありません。' }),
});

/*
 * Response shapes of `/api/priority-projects…`: the zod schemas are what the routes declare and
 * send, the DTO types are inferred from them (plain shapes, no transforms).
 */
export const MilestoneDtoSchema = z.object({
  title: z.string(),
  dueOn: z.string().nullable(),
  done: z.boolean(),
});
export type MilestoneDto = z.infer<typeof MilestoneDtoSchema>;

export const PriorityProjectDtoSchema = z.object({
  id: z.string(),
  fiscalYear: z.number(),
  /** `R6-1-2` */
  code: z.string(),
  themeNo: z.number(),
  themeTitle: z.string(),
  itemNo: z.number(),
  title: z.string(),
  description: z.string(),
  ownerDivision: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(priorityProjectStatuses),
  statusLabel: z.string(),
  progress: z.number(),
  milestones: z.array(MilestoneDtoSchema),
  version: z.number(),
  /** Linked proposals that count (withdrawn and merged left out), visible or not. */
  linkedProposalCount: z.number(),
  updatedAt: z.string(),
});
export type PriorityProjectDto = z.infer<typeof PriorityProjectDtoSchema>;

export const PriorityProjectThemeDtoSchema = z.object({
  themeNo: z.number(),
  themeTitle: z.string(),
  projects: z.array(PriorityProjectDtoSchema),
});
export type PriorityProjectThemeDto = z.infer<typeof PriorityProjectThemeDtoSchema>;

/** `GET /api/priority-projects?fiscalYear=`: a year's projects grouped by theme. */
export const PriorityProjectListDtoSchema = z.object({
  fiscalYear: z.number(),
  fiscalYearLabel: z.string(),
  /** The current fiscal year (the server's clock). */
  currentFiscalYear: z.number(),
  /** True when no year was asked for and the current one has no projects: the latest with some is shown. */
  defaulted: z.boolean(),
  /** Years with projects, the current one and the one shown, newest first. */
  availableFiscalYears: z.array(z.object({ fiscalYear: z.number(), label: z.string() })),
  /** The latest year that has projects (what 「…の案件を引き継いで作成」 copies), or null. */
  latestFiscalYearWithProjects: z.number().nullable(),
  themes: z.array(PriorityProjectThemeDtoSchema),
});
export type PriorityProjectListDto = z.infer<typeof PriorityProjectListDtoSchema>;

export const ProgressUpdateDtoSchema = z.object({
  id: z.string(),
  progress: z.number(),
  status: z.enum(priorityProjectStatuses),
  statusLabel: z.string(),
  note: z.string(),
  author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  createdAt: z.string(),
});
export type ProgressUpdateDto = z.infer<typeof ProgressUpdateDtoSchema>;

export const LinkedProposalDtoSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.enum(proposalStatuses),
  statusLabel: z.string(),
});
export type LinkedProposalDto = z.infer<typeof LinkedProposalDtoSchema>;

/** `GET /api/priority-projects/:id` and the answer of a progress report. */
export const PriorityProjectDetailDtoSchema = PriorityProjectDtoSchema.extend({
  /** Newest first. */
  progressUpdates: z.array(ProgressUpdateDtoSchema),
  /** Published ones for staff, all for the office. */
  linkedProposals: z.array(LinkedProposalDtoSchema),
});
export type PriorityProjectDetailDto = z.infer<typeof PriorityProjectDetailDtoSchema>;

/** `POST /api/priority-projects/copy`. */
export const CopyPriorityProjectsResultDtoSchema = z.object({
  fromFiscalYear: z.number(),
  toFiscalYear: z.number(),
  /** Projects created by this call; 0 when the target year already had them all. */
  created: z.number(),
  /** The target year's projects after the copy. */
  projects: z.array(PriorityProjectDtoSchema),
});
export type CopyPriorityProjectsResultDto = z.infer<typeof CopyPriorityProjectsResultDtoSchema>;
