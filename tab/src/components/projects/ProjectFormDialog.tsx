import { Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { fiscalYearLabel } from '#shared/fiscal-year';
import {
  priorityProjectLimits,
  type MilestoneDto,
  type PriorityProjectDto,
  type PriorityProjectThemeDto,
} from '#shared/priority-project';
import {
  createPriorityProject,
  updatePriorityProject,
  type PriorityProjectCreate,
  type PriorityProjectUpdate,
} from '../../api/projects';
import { useAction } from '../../hooks/useAction';
import { useDivisions } from '../../hooks/useReferenceData';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { MilestoneEditor } from './MilestoneEditor';

const useStyles = makeStyles({
  surface: { maxWidth: '720px' },
  numbers: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  number: { width: '8em' },
});

export type ProjectFormMode =
  | { kind: 'create'; fiscalYear: number; themes: PriorityProjectThemeDto[] }
  | { kind: 'edit'; project: PriorityProjectDto };

const nextItemNo = (themes: PriorityProjectThemeDto[], themeNo: number): number =>
  Math.max(0, ...(themes.find((theme) => theme.themeNo === themeNo)?.projects.map((p) => p.itemNo) ?? [])) +
  1;

const isPlanNumber = (value: string): boolean => /^\d{1,2}$/.test(value) && Number(value) >= 1;

/**
 * Adds a 重点案件 to a fiscal year or edits one (office). Theme and item numbers make the code
 * (R6-1-2) and are fixed once created; an edit is sent with the version it started from.
 */
export const ProjectFormDialog = ({
  mode,
  onClose,
  onSaved,
  onReload,
}: {
  mode: ProjectFormMode;
  onClose(): void;
  onSaved(project: PriorityProjectDto): void;
  /** After a conflict: load the project again. */
  onReload(): void;
}) => {
  const styles = useStyles();
  const editing = mode.kind === 'edit' ? mode.project : undefined;
  const themes = mode.kind === 'create' ? mode.themes : [];
  const [themeNo, setThemeNo] = useState(() => String(editing?.themeNo ?? themes[0]?.themeNo ?? 1));
  const [themeTitle, setThemeTitle] = useState(editing?.themeTitle ?? themes[0]?.themeTitle ?? '');
  const [itemNo, setItemNo] = useState(() =>
    String(editing?.itemNo ?? nextItemNo(themes, themes[0]?.themeNo ?? 1)),
  );
  const [title, setTitle] = useState(editing?.title ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [ownerDivisionId, setOwnerDivisionId] = useState(editing?.ownerDivision?.id ?? '');
  const [milestones, setMilestones] = useState<MilestoneDto[]>(editing?.milestones ?? []);
  const [submitted, setSubmitted] = useState(false);
  const divisions = useDivisions();
  const save = useAction((api, body: PriorityProjectCreate | PriorityProjectUpdate) =>
    editing && 'version' in body
      ? updatePriorityProject(api, editing.id, body)
      : createPriorityProject(api, body as PriorityProjectCreate),
  );

  const changeThemeNo = (value: string) => {
    setThemeNo(value);
    // A known theme brings its name and the next free item number; a new one starts blank.
    if (!isPlanNumber(value)) return;
    const theme = themes.find((candidate) => candidate.themeNo === Number(value));
    setThemeTitle(theme?.themeTitle ?? '');
    setItemNo(String(nextItemNo(themes, Number(value))));
  };

  const problems = {
    themeNo: isPlanNumber(themeNo) ? undefined : '1〜99の数字で入力してください。',
    itemNo: isPlanNumber(itemNo) ? undefined : '1〜99の数字で入力してください。',
    themeTitle: themeTitle.trim() ? undefined : 'テーマ名を入力してください。',
    title: title.trim() ? undefined : '案件名を入力してください。',
    milestones: milestones.some((milestone) => !milestone.title.trim())
      ? 'マイルストーン名を入力するか、その行を削除してください。'
      : undefined,
  };
  const valid = Object.values(problems).every((problem) => problem === undefined);
  const shown = (problem: string | undefined) => (submitted ? problem : undefined);

  const submit = async () => {
    setSubmitted(true);
    if (!valid) return;
    const common = {
      themeTitle,
      title,
      description,
      ownerDivisionId: ownerDivisionId || null,
      milestones: milestones.map((milestone) => ({ ...milestone, title: milestone.title.trim() })),
    };
    const saved = await save.run(
      editing
        ? { version: editing.version, ...common }
        : {
            fiscalYear: (mode as { fiscalYear: number }).fiscalYear,
            themeNo: Number(themeNo),
            itemNo: Number(itemNo),
            ...common,
          },
    );
    if (saved) onSaved(saved);
  };

  return (
    <FormDialog
      className={styles.surface}
      title={editing ? `${editing.code} を編集` : '重点案件を追加'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="保存"
      busyLabel="保存しています…"
      busy={save.running}
    >
      {mode.kind === 'create' && <div>{fiscalYearLabel(mode.fiscalYear)}の重点案件を追加します。</div>}
      <div className={styles.numbers}>
        <Field label="テーマ番号" required validationMessage={shown(problems.themeNo)}>
          <Input
            className={styles.number}
            inputMode="numeric"
            value={themeNo}
            disabled={!!editing}
            onChange={(_event, data) => changeThemeNo(data.value)}
          />
        </Field>
        <Field label="項目番号" required validationMessage={shown(problems.itemNo)}>
          <Input
            className={styles.number}
            inputMode="numeric"
            value={itemNo}
            disabled={!!editing}
            onChange={(_event, data) => setItemNo(data.value)}
          />
        </Field>
      </div>
      <Field
        label="テーマ名"
        required
        validationMessage={shown(problems.themeTitle)}
        hint={editing ? 'この案件のテーマ名だけが変わります。' : undefined}
      >
        <Input
          value={themeTitle}
          maxLength={priorityProjectLimits.themeTitle}
          onChange={(_event, data) => setThemeTitle(data.value)}
        />
      </Field>
      <Field label="案件名" required validationMessage={shown(problems.title)}>
        <Input
          value={title}
          maxLength={priorityProjectLimits.title}
          onChange={(_event, data) => setTitle(data.value)}
        />
      </Field>
      <Field label="内容">
        <Textarea
          value={description}
          maxLength={priorityProjectLimits.description}
          rows={3}
          resize="vertical"
          onChange={(_event, data) => setDescription(data.value)}
        />
      </Field>
      <Field
        label="担当課"
        validationState={divisions.error ? 'error' : 'none'}
        validationMessage={divisions.error ? '課の一覧を読み込めませんでした。' : undefined}
      >
        <Select value={ownerDivisionId} onChange={(_event, data) => setOwnerDivisionId(data.value)}>
          <option value="">（未設定）</option>
          {editing?.ownerDivision &&
            !divisions.data?.items.some((division) => division.id === editing.ownerDivision?.id) && (
              <option value={editing.ownerDivision.id}>{editing.ownerDivision.name}</option>
            )}
          {divisions.data?.items.map((division) => (
            <option key={division.id} value={division.id}>
              {division.name}
            </option>
          ))}
        </Select>
      </Field>
      <MilestoneEditor
        milestones={milestones}
        onChange={setMilestones}
        problem={shown(problems.milestones)}
      />
      {save.error !== undefined && (
        <ActionError error={save.error} title="保存できませんでした" onReload={onReload} />
      )}
    </FormDialog>
  );
};
