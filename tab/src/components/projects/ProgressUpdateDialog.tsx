import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import {
  priorityProjectLimits,
  priorityProjectStatuses,
  priorityProjectStatusLabels,
  type PriorityProjectDetailDto,
  type PriorityProjectDto,
  type PriorityProjectStatus,
  type ProgressUpdateInput,
} from '#shared/priority-project';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  percent: { maxWidth: '10em' },
});

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
  const styles = useStyles();
  const [progress, setProgress] = useState(String(project.progress));
  const [status, setStatus] = useState<PriorityProjectStatus>(project.status);
  const [note, setNote] = useState('');
  const save = useAction((api, body: ProgressUpdateInput) =>
    api.post<PriorityProjectDetailDto>(`/api/priority-projects/${project.id}/progress-updates`, { body }),
  );

  const value = Number(progress);
  const progressValid = progress.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 100;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!progressValid) return;
    const saved = await save.run({ progress: value, status, note, version: project.version });
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <DialogTitle>進捗を報告</DialogTitle>
            <DialogContent className={styles.form}>
              <div>
                {project.code} {project.title}
              </div>
              <Field
                label="進捗率（%）"
                required
                validationMessage={progressValid ? undefined : '0〜100の整数で入力してください。'}
              >
                <Input
                  className={styles.percent}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={100}
                  step={5}
                  value={progress}
                  onChange={(_event, data) => setProgress(data.value)}
                  contentAfter="%"
                />
              </Field>
              <Field label="状況" required>
                <Select
                  value={status}
                  onChange={(_event, data) => setStatus(data.value as PriorityProjectStatus)}
                >
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
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabledFocusable={save.running}>
                {save.running ? '送信しています…' : '報告する'}
              </Button>
              <Button onClick={onClose}>キャンセル</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
};
