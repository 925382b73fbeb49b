import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  tokens,
} from '@fluentui/react-components';
import { horizonLabels, horizons, type DivisionRefDto } from '#shared/proposal';
import { proposalBulkMaxItems } from '#shared/proposal-api';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { BulkStatusResults } from './BulkStatusResults';
import { clearValue, keepValue, useBulkHandlingChange, type BulkHandlingForm } from './useBulkHandlingChange';

const useStyles = makeStyles({
  surface: { maxWidth: '640px' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

const HandlingChoices = ({
  form,
  divisions,
  nothingChosen,
}: {
  form: BulkHandlingForm;
  divisions: DivisionRefDto[];
  nothingChosen: boolean;
}) => {
  const styles = useStyles();
  const message = nothingChosen ? '変更する所管課か期間を選んでください。' : undefined;
  return (
    <div className={styles.fields}>
      <Field label="所管課" validationMessage={message}>
        <Select value={form.division} onChange={(_event, data) => form.setDivision(data.value)}>
          <option value={keepValue}>変更しない</option>
          <option value={clearValue}>（未定）にする</option>
          {divisions.map((division) => (
            <option key={division.id} value={division.id}>
              {division.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="期間">
        <Select value={form.horizon} onChange={(_event, data) => form.setHorizon(data.value)}>
          <option value={keepValue}>変更しない</option>
          <option value={clearValue}>（未定）にする</option>
          {horizons.map((horizon) => (
            <option key={horizon} value={horizon}>
              {horizonLabels[horizon]}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
};

/**
 * 所管課 and 期間 set on every selected proposal (office). Each proposal changes on its own with the
 * version the office saw, so one changed meanwhile is reported and the others still change.
 */
export const BulkHandlingDialog = ({
  open,
  items,
  divisions,
  onClose,
  onDone,
}: {
  open: boolean;
  items: { id: string; version: number }[];
  divisions: DivisionRefDto[];
  onClose(): void;
  onDone(): void;
}) => {
  const styles = useStyles();
  const bulk = useBulkHandlingChange(open, items);
  const { rows } = bulk;
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={rows ? '所管課・期間の一括設定の結果' : '所管課・期間の一括設定'}
      onClose={rows ? onDone : onClose}
      {...(rows
        ? { form: false, onSubmit: onDone, submitLabel: '閉じる', cancelLabel: null }
        : {
            onSubmit: bulk.submit,
            submitLabel: `${items.length}件に設定`,
            busyLabel: '設定しています…',
            busy: bulk.running,
            submitDisabled: items.length === 0 || bulk.tooMany,
          })}
    >
      {rows ? (
        <BulkStatusResults rows={rows} />
      ) : (
        <>
          <div>選択した{items.length}件の提案の所管課・期間を設定します。提案者には変更が通知されます。</div>
          {bulk.tooMany && (
            <MessageBar intent="warning">
              <MessageBarBody>
                一度に変更できるのは{proposalBulkMaxItems}件までです。選択を減らしてください。
              </MessageBarBody>
            </MessageBar>
          )}
          <HandlingChoices form={bulk.form} divisions={divisions} nothingChosen={bulk.showNothingChosen} />
          <Field label="コメント" hint="変更の履歴に残ります。">
            <Input
              value={bulk.form.comment}
              maxLength={1000}
              onChange={(_event, data) => bulk.form.setComment(data.value)}
            />
          </Field>
          {bulk.error !== undefined && <ActionError error={bulk.error} title="設定できませんでした" />}
        </>
      )}
    </FormDialog>
  );
};
