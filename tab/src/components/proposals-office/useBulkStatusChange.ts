import { useEffect, useState } from 'react';
import { proposalBulkMaxItems } from '#shared/proposal-api';
import type { BulkItemResultDto } from '#shared/tab-api';
import type { ApiClient } from '../../api/api-client';
import { bulkChangeStatus, getProposal, type BulkStatusChange } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { emptyStatusForm, statusBody, statusFormValid, type StatusFormValue } from './StatusFields';

export interface BulkResultRow {
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
export const describeResults = async (
  api: ApiClient,
  results: BulkItemResultDto[],
): Promise<BulkResultRow[]> =>
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
 * The bulk status change's form and request: one change for every selected proposal, sent with the
 * versions the office saw; the answer is a row per proposal. Every opening starts afresh.
 */
export const useBulkStatusChange = (open: boolean, items: { id: string; version: number }[]) => {
  const [status, setStatus] = useState<StatusFormValue>(emptyStatusForm);
  const [answer, setAnswer] = useState('');
  const [comment, setComment] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [rows, setRows] = useState<BulkResultRow[]>();
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

  return {
    form: { status, setStatus, answer, setAnswer, comment, setComment, submitted },
    rows,
    tooMany,
    submit,
    running: apply.running,
    error: apply.error,
  };
};

export type BulkStatusForm = ReturnType<typeof useBulkStatusChange>['form'];
