import {
  AppError,
  canTriage,
  CopyPriorityProjectsSchema,
  fiscalYearLabel,
  defaultFiscalYear,
  fiscalYearOf,
  offeredFiscalYears,
  formatPriorityProjectCode,
  parseWith,
  PriorityProjectCreateSchema,
  priorityProjectStatusLabels,
  PriorityProjectUpdateSchema,
  ProgressUpdateSchema,
  proposalStatusLabels,
  type Actor,
  type CopyPriorityProjectsResultDto,
  type PriorityProjectDetailDto,
  type PriorityProjectDto,
  type PriorityProjectListDto,
  type PriorityProjectThemeDto,
} from '#shared';
import type { Database, Executor } from '../../data/database';
import { isForeignKeyViolation, isUniqueViolation } from '../../data/errors';
import {
  findPriorityProjects,
  findPriorityProjectView,
  findPriorityProjectViews,
  findProjectFiscalYears,
  insertMissingPriorityProjects,
  insertPriorityProject,
  lockPriorityProject,
  updatePriorityProjectIfVersion,
  type PriorityProjectPatch,
  type PriorityProjectView,
} from '../../data/repositories/priority-projects-repository';
import {
  findLinkedProposals,
  findProgressUpdates,
  insertProgressUpdate,
} from '../../data/repositories/project-progress-repository';
import { findPublishedLinkedProposalIds } from '../../data/repositories/engagement-repository';
import type { Notifier } from '../../notifications/notification-port';
import { queueFollowerUpdate } from '../engagement/follower-updates';
import { visibilityOf } from '../proposals/proposal-access';

/** 重点案件 are managed by the promotion office (推進室); everyone reads them. */
const requireOffice = (actor: Actor): void => {
  if (!canTriage(actor)) {
    throw new AppError('FORBIDDEN', {
      message: `User ${actor.userId} may not manage priority projects`,
      userMessage: '重点案件の編集は推進室のみが行えます。',
    });
  }
};

const notFound = (id: string) =>
  new AppError('NOT_FOUND', {
    message: `Priority project ${id} not found`,
    userMessage: '重点案件が見つかりません。',
  });

const conflict = () =>
  new AppError('CONFLICT', {
    userMessage: 'この重点案件は他の人が先に更新しました。最新の内容を確認してからやり直してください。',
  });

const duplicate = (fiscalYear: number, themeNo: number, itemNo: number) =>
  new AppError('CONFLICT', {
    message: `Priority project ${fiscalYear} ${themeNo}-${itemNo} exists`,
    userMessage: `${formatPriorityProjectCode(fiscalYear, themeNo, itemNo)} の重点案件は既に登録されています。`,
    details: [{ path: 'itemNo', message: '同じテーマ番号・項目番号の重点案件が既にあります。' }],
  });

const unknownDivision = () =>
  new AppError('VALIDATION', {
    userMessage: '担当課が見つかりません。',
    details: [{ path: 'ownerDivisionId', message: '担当課が見つかりません。' }],
  });

const toDto = (view: PriorityProjectView): PriorityProjectDto => ({
  id: view.id,
  fiscalYear: view.fiscalYear,
  code: formatPriorityProjectCode(view.fiscalYear, view.themeNo, view.itemNo),
  themeNo: view.themeNo,
  themeTitle: view.themeTitle,
  itemNo: view.itemNo,
  title: view.title,
  description: view.description,
  ownerDivision:
    view.ownerDivisionId && view.ownerDivisionName
      ? { id: view.ownerDivisionId, name: view.ownerDivisionName }
      : null,
  status: view.status,
  statusLabel: priorityProjectStatusLabels[view.status],
  progress: view.progress,
  milestones: view.milestones.map((milestone) => ({
    title: milestone.title,
    dueOn: milestone.dueOn,
    done: milestone.done,
  })),
  version: view.version,
  linkedProposalCount: view.linkedProposalCount,
  updatedAt: view.updatedAt.toISOString(),
});

/** A project as `actor` sees it (linked proposals counted by the visibility rule); the office's when absent. */
const loadDto = async (db: Executor, id: string, actor?: Actor): Promise<PriorityProjectDto> => {
  const view = await findPriorityProjectView(db, id, actor && visibilityOf(actor));
  if (!view) throw notFound(id);
  return toDto(view);
};

/** Themes in plan order, each with its items. */
const groupByTheme = (projects: PriorityProjectDto[]): PriorityProjectThemeDto[] => {
  const themes = new Map<number, PriorityProjectThemeDto>();
  for (const project of projects) {
    let theme = themes.get(project.themeNo);
    if (!theme) {
      theme = { themeNo: project.themeNo, themeTitle: project.themeTitle, projects: [] };
      themes.set(project.themeNo, theme);
    }
    theme.projects.push(project);
  }
  return [...themes.values()];
};

/**
 * A fiscal year's 重点案件 grouped by theme. Absent year: the current one, or the latest with projects
 * while the current has none (the first days of a new year). Everyone may read them.
 */
export const listPriorityProjects = async (
  db: Database,
  actor: Actor,
  query: { fiscalYear?: number | undefined; now?: Date } = {},
): Promise<PriorityProjectListDto> => {
  const currentFiscalYear = fiscalYearOf(query.now ?? new Date());
  const years = await findProjectFiscalYears(db);
  const fiscalYear = query.fiscalYear ?? defaultFiscalYear(currentFiscalYear, years);
  const views = await findPriorityProjectViews(db, fiscalYear, visibilityOf(actor));
  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    currentFiscalYear,
    defaulted: fiscalYear !== currentFiscalYear && query.fiscalYear === undefined,
    availableFiscalYears: offeredFiscalYears(currentFiscalYear, years, fiscalYear),
    latestFiscalYearWithProjects: years.length > 0 ? Math.max(...years) : null,
    themes: groupByTheme(views.map(toDto)),
  };
};

/**
 * One project with its progress timeline and linked proposals: those the actor may see (the office
 * every one, staff the published ones and their own); the others are left out, not counted as hidden.
 */
export const getPriorityProject = async (
  db: Database,
  actor: Actor,
  id: string,
): Promise<PriorityProjectDetailDto> => {
  const project = await loadDto(db, id, actor);
  const [updates, linked] = await Promise.all([
    findProgressUpdates(db, project.id),
    findLinkedProposals(db, project.id, visibilityOf(actor)),
  ]);
  return {
    ...project,
    progressUpdates: updates.map((update) => ({
      id: update.id,
      progress: update.progress,
      status: update.status,
      statusLabel: priorityProjectStatusLabels[update.status],
      note: update.note,
      author:
        update.authorId && update.authorName ? { id: update.authorId, displayName: update.authorName } : null,
      createdAt: update.createdAt.toISOString(),
    })),
    linkedProposals: linked.map((proposal) => ({
      id: proposal.id,
      number: proposal.number,
      title: proposal.title,
      status: proposal.status,
      statusLabel: proposalStatusLabels[proposal.status],
    })),
  };
};

/** Adds a project to a fiscal year (office). Theme and item numbers are unique within the year. */
export const createPriorityProject = async (
  db: Database,
  actor: Actor,
  input: unknown,
): Promise<PriorityProjectDto> => {
  requireOffice(actor);
  const data = parseWith(PriorityProjectCreateSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const row = await insertPriorityProject(tx, {
        ...data,
        ownerDivisionId: data.ownerDivisionId ?? null,
      });
      return loadDto(tx, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(data.fiscalYear, data.themeNo, data.itemNo);
    if (isForeignKeyViolation(error)) throw unknownDivision();
    throw error;
  }
};

/** Edits titles, description, owner division and milestones (office), only from the version the editor saw. */
export const updatePriorityProject = async (
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<PriorityProjectDto> => {
  requireOffice(actor);
  const { version, ...fields } = parseWith(PriorityProjectUpdateSchema, input);
  const patch: PriorityProjectPatch = {};
  if (fields.themeTitle !== undefined) patch.themeTitle = fields.themeTitle;
  if (fields.title !== undefined) patch.title = fields.title;
  if (fields.description !== undefined) patch.description = fields.description;
  if (fields.ownerDivisionId !== undefined) patch.ownerDivisionId = fields.ownerDivisionId;
  if (fields.milestones !== undefined) patch.milestones = fields.milestones;
  try {
    return await db.transaction(async (tx) => {
      const current = await lockPriorityProject(tx, id);
      if (!current) throw notFound(id);
      if (current.version !== version) throw conflict();
      const updated = await updatePriorityProjectIfVersion(tx, current.id, version, patch);
      if (!updated) throw conflict();
      return loadDto(tx, updated.id);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw unknownDivision();
    throw error;
  }
};

/** The line a follower reads: 「R6-1-2 案件名」の進捗が60%（実施中）になりました：note. */
const progressSummary = (
  project: { fiscalYear: number; themeNo: number; itemNo: number; title: string },
  progress: number,
  status: keyof typeof priorityProjectStatusLabels,
  note: string,
): string => {
  const code = formatPriorityProjectCode(project.fiscalYear, project.themeNo, project.itemNo);
  const line = `重点案件「${code} ${project.title}」の進捗が${progress}%（${priorityProjectStatusLabels[status]}）になりました`;
  const trimmed = note.trim().replace(/\s+/g, ' ');
  return trimmed ? `${line}：${trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed}` : line;
};

/**
 * The project team's progress report (office): the timeline entry and the project's new progress and
 * status are written in one transaction, serialised on the project row.
 */
export const postProgressUpdate = async (
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
  notifier?: Notifier,
): Promise<PriorityProjectDetailDto> => {
  requireOffice(actor);
  const data = parseWith(ProgressUpdateSchema, input);
  const projectId = await db.transaction(async (tx) => {
    const current = await lockPriorityProject(tx, id);
    if (!current) throw notFound(id);
    if (data.version !== undefined && current.version !== data.version) throw conflict();
    await insertProgressUpdate(tx, {
      projectId: current.id,
      authorId: actor.userId,
      progress: data.progress,
      status: data.status,
      note: data.note,
    });
    const updated = await updatePriorityProjectIfVersion(tx, current.id, current.version, {
      progress: data.progress,
      status: data.status,
    });
    if (!updated) throw conflict();
    // Followers of the published linked proposals hear of the progress (by their preference).
    const summary = progressSummary(current, data.progress, data.status, data.note);
    for (const proposalId of await findPublishedLinkedProposalIds(tx, current.id)) {
      await queueFollowerUpdate(
        tx,
        { proposalId, kind: 'project_progress', summary, actorUserId: actor.userId },
        notifier,
      );
    }
    return updated.id;
  });
  return getPriorityProject(db, actor, projectId);
};

/**
 * Starts a fiscal year's set from another's (office), e.g. R7 from R6: themes, items, titles,
 * descriptions and owner divisions are copied; status, progress and milestones start afresh.
 * Idempotent: items the target year already has are left as they are.
 */
export const copyProjectsToFiscalYear = async (
  db: Database,
  actor: Actor,
  fromFiscalYear: number,
  toFiscalYear: number,
): Promise<CopyPriorityProjectsResultDto> => {
  requireOffice(actor);
  parseWith(CopyPriorityProjectsSchema, { fromFiscalYear, toFiscalYear });
  const created = await db.transaction(async (tx) => {
    const source = await findPriorityProjects(tx, fromFiscalYear);
    if (source.length === 0) {
      throw new AppError('NOT_FOUND', {
        message: `No priority projects in ${fromFiscalYear}`,
        userMessage: `${fiscalYearLabel(fromFiscalYear)}の重点案件が登録されていません。`,
      });
    }
    return insertMissingPriorityProjects(
      tx,
      source.map((project) => ({
        fiscalYear: toFiscalYear,
        themeNo: project.themeNo,
        themeTitle: project.themeTitle,
        itemNo: project.itemNo,
        title: project.title,
        description: project.description,
        ownerDivisionId: project.ownerDivisionId,
        milestones: [],
      })),
    );
  });
  const projects = await findPriorityProjectViews(db, toFiscalYear);
  return { fromFiscalYear, toFiscalYear, created, projects: projects.map(toDto) };
};
