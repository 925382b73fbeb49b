import { Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import { fiscalYearLabel } from '#shared/fiscal-year';
import { priorityProjectLimits, type PriorityProjectDto } from '#shared/priority-project';
import { useDivisions } from '../../hooks/useReferenceData';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { MilestoneEditor } from './MilestoneEditor';
import { useProjectForm, type ProjectForm, type ProjectFormMode } from './useProjectForm';

export type { ProjectFormMode } from './useProjectForm';

const useStyles = makeStyles({
  surface: { maxWidth: '720px' },
  numbers: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  number: { width: '8em' },
});

/** テーマ番号 and 項目番号: they make the code (R6-1-2), so they are fixed once created. */
const PlanNumberFields = ({ form, editing }: { form: ProjectForm; editing: boolean }) => {
  const styles = useStyles();
  return (
    <div className={styles.numbers}>
      <Field label="テーマ番号" required validationMessage={form.problem('themeNo')}>
        <Input
          className={styles.number}
          inputMode="numeric"
          value={form.value.themeNo}
          disabled={editing}
          onChange={(_event, data) => form.changeThemeNo(data.value)}
        />
      </Field>
      <Field label="項目番号" required validationMessage={form.problem('itemNo')}>
        <Input
          className={styles.number}
          inputMode="numeric"
          value={form.value.itemNo}
          disabled={editing}
          onChange={(_event, data) => form.set({ itemNo: data.value })}
        />
      </Field>
    </div>
  );
};

/** 担当課: the divisions, plus the project's own should it no longer be among them. */
const OwnerDivisionField = ({
  form,
  editing,
}: {
  form: ProjectForm;
  editing: PriorityProjectDto | undefined;
}) => {
  const divisions = useDivisions();
  const owner = editing?.ownerDivision;
  return (
    <Field
      label="担当課"
      validationState={divisions.error ? 'error' : 'none'}
      validationMessage={divisions.error ? '課の一覧を読み込めませんでした。' : undefined}
    >
      <Select
        value={form.value.ownerDivisionId}
        onChange={(_event, data) => form.set({ ownerDivisionId: data.value })}
      >
        <option value="">（未設定）</option>
        {owner && !divisions.data?.items.some((division) => division.id === owner.id) && (
          <option value={owner.id}>{owner.name}</option>
        )}
        {divisions.data?.items.map((division) => (
          <option key={division.id} value={division.id}>
            {division.name}
          </option>
        ))}
      </Select>
    </Field>
  );
};

/** テーマ名, 案件名 and 内容. */
const ProjectTextFields = ({ form, editing }: { form: ProjectForm; editing: boolean }) => (
  <>
    <Field
      label="テーマ名"
      required
      validationMessage={form.problem('themeTitle')}
      hint={editing ? 'この案件のテーマ名だけが変わります。' : undefined}
    >
      <Input
        value={form.value.themeTitle}
        maxLength={priorityProjectLimits.themeTitle}
        onChange={(_event, data) => form.set({ themeTitle: data.value })}
      />
    </Field>
    <Field label="案件名" required validationMessage={form.problem('title')}>
      <Input
        value={form.value.title}
        maxLength={priorityProjectLimits.title}
        onChange={(_event, data) => form.set({ title: data.value })}
      />
    </Field>
    <Field label="内容">
      <Textarea
        value={form.value.description}
        maxLength={priorityProjectLimits.description}
        rows={3}
        resize="vertical"
        onChange={(_event, data) => form.set({ description: data.value })}
      />
    </Field>
  </>
);

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
  const form = useProjectForm(mode, onSaved);
  return (
    <FormDialog
      className={styles.surface}
      title={editing ? `${editing.code} を編集` : '重点案件を追加'}
      onClose={onClose}
      onSubmit={form.submit}
      submitLabel="保存"
      busyLabel="保存しています…"
      busy={form.running}
    >
      {mode.kind === 'create' && <div>{fiscalYearLabel(mode.fiscalYear)}の重点案件を追加します。</div>}
      <PlanNumberFields form={form} editing={!!editing} />
      <ProjectTextFields form={form} editing={!!editing} />
      <OwnerDivisionField form={form} editing={editing} />
      <MilestoneEditor
        milestones={form.value.milestones}
        onChange={(milestones) => form.set({ milestones })}
        problem={form.problem('milestones')}
      />
      {form.error !== undefined && (
        <ActionError error={form.error} title="保存できませんでした" onReload={onReload} />
      )}
    </FormDialog>
  );
};
