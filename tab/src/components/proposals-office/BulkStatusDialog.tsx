import { Field, Input, makeStyles, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { proposalBulkMaxItems } from '#shared/proposal-api';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { BulkStatusResults } from './BulkStatusResults';
import { StatusFields } from './StatusFields';
import { useBulkStatusChange, type BulkStatusForm } from './useBulkStatusChange';

const useStyles = makeStyles({
  surface: { maxWidth: '720px' },
});

/** The change to apply: status fields, an optional common answer and a comment for the history. */
const BulkStatusFields = ({
  count,
  tooMany,
  form,
  error,
}: {
  count: number;
  tooMany: boolean;
  form: BulkStatusForm;
  error: unknown;
}) => (
  <>
    <div>選択した{count}件の提案の状態を変更します。提案者には変更が通知されます。</div>
    {tooMany && (
      <MessageBar intent="warning">
        <MessageBarBody>
          一度に変更できるのは{proposalBulkMaxItems}件までです。選択を減らしてください。
        </MessageBarBody>
      </MessageBar>
    )}
    <StatusFields value={form.status} onChange={form.setStatus} showErrors={form.submitted} />
    <Field
      label="回答"
      hint="入力すると、選択したすべての提案の回答になります。空欄なら各提案の回答は変わりません。"
    >
      <Textarea
        value={form.answer}
        maxLength={2000}
        rows={3}
        resize="vertical"
        onChange={(_event, data) => form.setAnswer(data.value)}
      />
    </Field>
    <Field label="コメント" hint="内部メモとして履歴に残ります。提案者には表示されません。">
      <Input value={form.comment} maxLength={1000} onChange={(_event, data) => form.setComment(data.value)} />
    </Field>
    {error !== undefined && <ActionError error={error} title="変更できませんでした" />}
  </>
);

/**
 * One status change applied to every selected proposal (office). Each proposal is changed on its own
 * with the version the office saw, so one that someone else changed meanwhile, or that cannot take
 * the new status, is reported and the others still change.
 */
export const BulkStatusDialog = ({
  open,
  items,
  onClose,
  onDone,
}: {
  open: boolean;
  items: { id: string; version: number }[];
  onClose(): void;
  onDone(): void;
}) => {
  const styles = useStyles();
  const bulk = useBulkStatusChange(open, items);
  const { rows } = bulk;
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={rows ? '状態の一括変更の結果' : '状態の一括変更'}
      onClose={rows ? onDone : onClose}
      {...(rows
        ? { form: false, onSubmit: onDone, submitLabel: '閉じる', cancelLabel: null }
        : {
            onSubmit: bulk.submit,
            submitLabel: `${items.length}件を変更`,
            busyLabel: '変更しています…',
            busy: bulk.running,
            submitDisabled: items.length === 0 || bulk.tooMany,
          })}
    >
      {rows ? (
        <BulkStatusResults rows={rows} />
      ) : (
        <BulkStatusFields count={items.length} tooMany={bulk.tooMany} form={bulk.form} error={bulk.error} />
      )}
    </FormDialog>
  );
};
