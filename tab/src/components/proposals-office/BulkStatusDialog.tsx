import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle16Filled, ErrorCircle16Filled } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { proposalBulkMaxItems } from '#shared/proposal-api';
import type { BulkItemResultDto } from '#shared/tab-api';
import type { ApiClient } from '../../api/api-client';
import { bulkChangeStatus, getProposal, type BulkStatusChange } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import {
  emptyStatusForm,
  StatusFields,
  statusBody,
  statusFormValid,
  type StatusFormValue,
} from './StatusFields';

const useStyles = makeStyles({
  surface: { maxWidth: '720px' },
  results: { maxHeight: '50vh', overflowY: 'auto' },
  number: { display: 'block', fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3 },
  result: { width: '50%' },
  outcome: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0, marginTop: '2px' },
  failed: { color: tokens.colorPaletteRedForeground1, flexShrink: 0, marginTop: '2px' },
});

interface ResultRow {
  id: string;
  number: string;
  title: string;
  ok: boolean;
  message: string;
}

/**
 * A failed item carries only the proposal's id; its number and title are looked up so the office can
 * tell which one it was (someone may have changed it, so this is also its current state).
 */
const describeResults = async (api: ApiClient, results: BulkItemResultDto[]): Promise<ResultRow[]> =>
  Promise.all(
    results.map(async (result) => {
      if (result.ok) {
        const { number, title } = result.proposal;
        return { id: result.id, number, title, ok: true, message: '変更しました' };
      }
      const proposal = await getProposal(api, result.id).catch(() => undefined);
      return {
        id: result.id,
        number: proposal?.number ?? '（不明）',
        title: proposal?.title ?? '',
        ok: false,
        message: result.message,
      };
    }),
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
  const [status, setStatus] = useState<StatusFormValue>(emptyStatusForm);
  const [answer, setAnswer] = useState('');
  const [comment, setComment] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [rows, setRows] = useState<ResultRow[]>();
  const apply = useAction(async (api, body: BulkStatusChange) => {
    const result = await bulkChangeStatus(api, body);
    return { ...result, rows: await describeResults(api, result.results) };
  });
  const { reset } = apply;

  // Every opening starts afresh (a new selection, a new change).
  useEffect(() => {
    if (!open) return;
    setStatus(emptyStatusForm);
    setAnswer('');
    setComment('');
    setSubmitted(false);
    setRows(undefined);
    reset();
  }, [open, reset]);

  const tooMany = items.length > proposalBulkMaxItems;
  const submit = async () => {
    setSubmitted(true);
    if (!statusFormValid(status) || items.length === 0 || tooMany) return;
    const result = await apply.run({
      items: items.map(({ id, version }) => ({ id, version })),
      ...statusBody(status),
      // An empty answer leaves each proposal's own answer as it is.
      ...(answer.trim() ? { answer } : {}),
      ...(comment.trim() ? { comment } : {}),
    });
    if (result) setRows(result.rows);
  };

  const succeeded = rows?.filter((row) => row.ok).length ?? 0;
  const failed = (rows?.length ?? 0) - succeeded;

  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={rows ? '状態の一括変更の結果' : '状態の一括変更'}
      onClose={rows ? onDone : onClose}
      {...(rows
        ? { form: false, onSubmit: onDone, submitLabel: '閉じる', cancelLabel: null }
        : {
            onSubmit: submit,
            submitLabel: `${items.length}件を変更`,
            busyLabel: '変更しています…',
            busy: apply.running,
            submitDisabled: items.length === 0 || tooMany,
          })}
    >
      {rows ? (
        <>
          <MessageBar intent={failed === 0 ? 'success' : succeeded === 0 ? 'error' : 'warning'} role="status">
            <MessageBarBody>
              {succeeded}件を変更しました。
              {failed > 0 && `${failed}件は変更できませんでした（理由は下の表のとおりです）。`}
            </MessageBarBody>
          </MessageBar>
          <div className={styles.results}>
            <Table aria-label="一括変更の結果" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>提案</TableHeaderCell>
                  <TableHeaderCell className={styles.result}>結果</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.id}>
                    <TableCell>
                      <span className={styles.number}>{row.number}</span>
                      {row.title}
                    </TableCell>
                    <TableCell>
                      <span className={styles.outcome}>
                        {row.ok ? (
                          <CheckmarkCircle16Filled className={styles.ok} aria-hidden />
                        ) : (
                          <ErrorCircle16Filled className={styles.failed} aria-hidden />
                        )}
                        {row.ok ? row.message : `変更できませんでした: ${row.message}`}
                      </span>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      ) : (
        <>
          <div>選択した{items.length}件の提案の状態を変更します。提案者には変更が通知されます。</div>
          {tooMany && (
            <MessageBar intent="warning">
              <MessageBarBody>
                一度に変更できるのは{proposalBulkMaxItems}件までです。選択を減らしてください。
              </MessageBarBody>
            </MessageBar>
          )}
          <StatusFields value={status} onChange={setStatus} showErrors={submitted} />
          <Field
            label="回答"
            hint="入力すると、選択したすべての提案の回答になります。空欄なら各提案の回答は変わりません。"
          >
            <Textarea
              value={answer}
              maxLength={2000}
              rows={3}
              resize="vertical"
              onChange={(_event, data) => setAnswer(data.value)}
            />
          </Field>
          <Field label="コメント" hint="変更の履歴に残ります。">
            <Input value={comment} maxLength={1000} onChange={(_event, data) => setComment(data.value)} />
          </Field>
          {apply.error !== undefined && <ActionError error={apply.error} title="変更できませんでした" />}
        </>
      )}
    </FormDialog>
  );
};
