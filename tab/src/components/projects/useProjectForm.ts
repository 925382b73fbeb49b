import { useState } from 'react';
import type { MilestoneDto, PriorityProjectDto, PriorityProjectThemeDto } from '#shared/priority-project';
import {
  createPriorityProject,
  updatePriorityProject,
  type PriorityProjectCreate,
  type PriorityProjectUpdate,
} from '../../api/projects';
import { useAction } from '../../hooks/useAction';

export type ProjectFormMode =
  | { kind: 'create'; fiscalYear: number; themes: PriorityProjectThemeDto[] }
  | { kind: 'edit'; project: PriorityProjectDto };

export interface ProjectFormValue {
  themeNo: string;
  themeTitle: string;
  itemNo: string;
  title: string;
  description: string;
  ownerDivisionId: string;
  milestones: MilestoneDto[];
}

type SaveRequest =
  { kind: 'create'; body: PriorityProjectCreate } | { kind: 'edit'; id: string; body: PriorityProjectUpdate };

const nextItemNo = (themes: PriorityProjectThemeDto[], themeNo: number): number =>
  Math.max(0, ...(themes.find((theme) => theme.themeNo === themeNo)?.projects.map((p) => p.itemNo) ?? [])) +
  1;

export const isPlanNumber = (value: string): boolean => /^\d{1,2}$/.test(value) && Number(value) >= 1;

const initialValue = (mode: ProjectFormMode): ProjectFormValue => {
  const editing = mode.kind === 'edit' ? mode.project : undefined;
  const themes = mode.kind === 'create' ? mode.themes : [];
  return {
    themeNo: String(editing?.themeNo ?? themes[0]?.themeNo ?? 1),
    themeTitle: editing?.themeTitle ?? themes[0]?.themeTitle ?? '',
    itemNo: String(editing?.itemNo ?? nextItemNo(themes, themes[0]?.themeNo ?? 1)),
    title: editing?.title ?? '',
    description: editing?.description ?? '',
    ownerDivisionId: editing?.ownerDivision?.id ?? '',
    milestones: editing?.milestones ?? [],
  };
};

/** Each field's problem, in Japanese; none when the form can be sent. */
const problemsOf = (value: ProjectFormValue) => ({
  themeNo: isPlanNumber(value.themeNo) ? undefined : '1〜99の数字で入力してください。',
  itemNo: isPlanNumber(value.itemNo) ? undefined : '1〜99の数字で入力してください。',
  themeTitle: value.themeTitle.trim() ? undefined : 'テーマ名を入力してください。',
  title: value.title.trim() ? undefined : '案件名を入力してください。',
  milestones: value.milestones.some((milestone) => !milestone.title.trim())
    ? 'マイルストーン名を入力するか、その行を削除してください。'
    : undefined,
});

const saveRequest = (mode: ProjectFormMode, value: ProjectFormValue): SaveRequest => {
  const common = {
    themeTitle: value.themeTitle,
    title: value.title,
    description: value.description,
    ownerDivisionId: value.ownerDivisionId || null,
    milestones: value.milestones.map((milestone) => ({ ...milestone, title: milestone.title.trim() })),
  };
  return mode.kind === 'edit'
    ? { kind: 'edit', id: mode.project.id, body: { version: mode.project.version, ...common } }
    : {
        kind: 'create',
        body: {
          fiscalYear: mode.fiscalYear,
          themeNo: Number(value.themeNo),
          itemNo: Number(value.itemNo),
          ...common,
        },
      };
};

/**
 * The 重点案件 form's state, checks and request: created in a fiscal year, or edited with the version
 * it started from. Problems show once the form was submitted.
 */
export const useProjectForm = (mode: ProjectFormMode, onSaved: (project: PriorityProjectDto) => void) => {
  const [value, setValue] = useState(() => initialValue(mode));
  const [submitted, setSubmitted] = useState(false);
  const save = useAction((api, request: SaveRequest) =>
    request.kind === 'edit'
      ? updatePriorityProject(api, request.id, request.body)
      : createPriorityProject(api, request.body),
  );
  const set = (patch: Partial<ProjectFormValue>) => setValue((previous) => ({ ...previous, ...patch }));
  const themes = mode.kind === 'create' ? mode.themes : [];

  const changeThemeNo = (themeNo: string) => {
    // A known theme brings its name and the next free item number; a new one starts blank.
    if (!isPlanNumber(themeNo)) return set({ themeNo });
    const theme = themes.find((candidate) => candidate.themeNo === Number(themeNo));
    set({
      themeNo,
      themeTitle: theme?.themeTitle ?? '',
      itemNo: String(nextItemNo(themes, Number(themeNo))),
    });
  };

  const problems = problemsOf(value);
  const submit = async () => {
    setSubmitted(true);
    if (!Object.values(problems).every((problem) => problem === undefined)) return;
    const saved = await save.run(saveRequest(mode, value));
    if (saved) onSaved(saved);
  };

  return {
    value,
    set,
    changeThemeNo,
    /** A field's problem, once the form was submitted. */
    problem: (field: keyof ReturnType<typeof problemsOf>) => (submitted ? problems[field] : undefined),
    submit,
    running: save.running,
    error: save.error,
  };
};

export type ProjectForm = ReturnType<typeof useProjectForm>;
