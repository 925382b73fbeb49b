import { Field, Input, makeStyles, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import {
  priorityProjectLimits,
  priorityProjectStatuses,
  priorityProjectStatusLabels,
  type PriorityProjectDetailDto,
  type PriorityProjectDto,
  type PriorityProjectStatus,
} from '#shared/priority-project';
import { postProgressUpdate, type ProgressReport } from '../../api/projects';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';

const useStyles = makeStyles({ percent: { maxWidth: '10em' } });

/** 進捗率: a whole number from 0 to 100 (the form's own check, not the browser's). */
const ProgressField = ({
  progress,
  valid,
  onChange,
}: {
  progress: string;
  valid: boolean;
  onChange(progress: string): void;
}) => {
  const styles = useStyles();
  return (
    <Field
      label="進捗率（%）"
      required
      validationMessage={valid ? undefined : '0〜100の整数で入力してください。'}
    >
      <Input
        className={styles.percent}
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        // The arrows move by 5; any whole number is accepted (the form's own check, not the browser's).
        step={5}
        value={progress}
        onChange={(_event, data) => onChange(data.value)}
        contentAfter="%"
      />
    </Field>
  );
};

/**
 * The project team's progress report (office): new progress and status plus what happened. Sent with
 * the version shown, so a report on top of someone else's unseen change is refused.
 */
export const ProgressUpdateDialog = ({
  project,
  onClose,
  onSaved,
  onReload,
}: {
  project: PriorityProjectDto;
  onClose(): void;
  onSaved(project: PriorityProjectDetailDto): void;
  /** After a conflict: load the project again. */
  onReload(): void;
}) => {
  const [progress, setProgress] = useState(String(project.progress));
  const [status, setStatus] = useState<PriorityProjectStatus>(project.status);
  const [note, setNote] = useState('');
  const save = useAction((api, body: ProgressReport) => postProgressUpdate(api, project.id, body));

  const value = Number(progress);
  const progressValid = progress.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 100;

  const submit = async () => {
    if (!progressValid) return;
    const saved = await save.run({ progress: value, status, note, version: project.version });
    if (saved) onSaved(saved);
  };

  return (
    <FormDialog
      title="進捗を報告"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="報告する"
      busyLabel="送信しています…"
      busy={save.running}
    >
      <div>
        {project.code} {project.title}
      </div>
      <ProgressField progress={progress} valid={progressValid} onChange={setProgress} />
      <Field label="状況" required>
        <Select value={status} onChange={(_event, data) => setStatus(data.value as PriorityProjectStatus)}>
          {priorityProjectStatuses.map((option) => (
            <option key={option} value={option}>
              {priorityProjectStatusLabels[option]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="報告内容"
        hint={`プロジェクトチームでの検討状況など（${priorityProjectLimits.note.toLocaleString('ja-JP')}文字以内）`}
      >
        <Textarea
          value={note}
          onChange={(_event, data) => setNote(data.value)}
          maxLength={priorityProjectLimits.note}
          rows={4}
          resize="vertical"
        />
      </Field>
      {save.error !== undefined && (
        <ActionError error={save.error} title="報告できませんでした" onReload={onReload} />
      )}
    </FormDialog>
  );
};
