import { z } from 'zod';
import { fiscalYearShortLabel } from './fiscal-year';
import type { ProposalStatus } from './proposal-status';
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

export interface MilestoneDto {
  title: string;
  dueOn: string | null;
  done: boolean;
}

export interface PriorityProjectDto {
  id: string;
  fiscalYear: number;
  /** `R6-1-2` */
  code: string;
  themeNo: number;
  themeTitle: string;
  itemNo: number;
  title: string;
  description: string;
  ownerDivision: { id: string; name: string } | null;
  status: PriorityProjectStatus;
  statusLabel: string;
  progress: number;
  milestones: MilestoneDto[];
  version: number;
  /** Linked proposals that count (withdrawn and merged left out), visible or not. */
  linkedProposalCount: number;
  updatedAt: string;
}

export interface PriorityProjectThemeDto {
  themeNo: number;
  themeTitle: string;
  projects: PriorityProjectDto[];
}

export interface PriorityProjectListDto {
  fiscalYear: number;
  fiscalYearLabel: string;
  themes: PriorityProjectThemeDto[];
}

export interface ProgressUpdateDto {
  id: string;
  progress: number;
  status: PriorityProjectStatus;
  statusLabel: string;
  note: string;
  author: { id: string; displayName: string } | null;
  createdAt: string;
}

export interface LinkedProposalDto {
  id: string;
  number: string;
  title: string;
  status: ProposalStatus;
  statusLabel: string;
}

export interface PriorityProjectDetailDto extends PriorityProjectDto {
  /** Newest first. */
  progressUpdates: ProgressUpdateDto[];
  /** Published ones for staff, all for the office. */
  linkedProposals: LinkedProposalDto[];
}

export interface CopyPriorityProjectsResultDto {
  fromFiscalYear: number;
  toFiscalYear: number;
  /** Projects created by this call; 0 when the target year already had them all. */
  created: number;
  /** The target year's projects after the copy. */
  projects: PriorityProjectDto[];
}
