import { useEffect, useState } from 'react';
import type { Horizon } from '#shared/proposal';
import { proposalBulkMaxItems } from '#shared/proposal-api';
import { bulkChangeHandling, type BulkHandlingChange } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { describeResults, type BulkResultRow } from './useBulkStatusChange';

/** A select's value: keep each proposal's own (''), 未定 ('none'), or a division / horizon. */
export const keepValue = '';
export const clearValue = 'none';

const choiceOf = (value: string): string | null | undefined =>
  value === keepValue ? undefined : value === clearValue ? null : value;

/**
 * 所管課 and 期間 for every selected proposal, sent with the versions the office saw; each field is
 * either kept, cleared (未定) or set. Every opening starts afresh.
 */
export const useBulkHandlingChange = (open: boolean, items: { id: string; version: number }[]) => {
  const [division, setDivision] = useState(keepValue);
  const [horizon, setHorizon] = useState(keepValue);
  const [comment, setComment] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [rows, setRows] = useState<BulkResultRow[]>();
  const apply = useAction(async (api, body: BulkHandlingChange) => {
    const result = await bulkChangeHandling(api, body);
    return { ...result, rows: await describeResults(api, result.results) };
  });
  const { reset } = apply;

  useEffect(() => {
    if (!open) return;
    setDivision(keepValue);
    setHorizon(keepValue);
    setComment('');
    setSubmitted(false);
    setRows(undefined);
    reset();
  }, [open, reset]);

  const tooMany = items.length > proposalBulkMaxItems;
  const nothingChosen = division === keepValue && horizon === keepValue;
  const submit = async () => {
    setSubmitted(true);
    if (nothingChosen || items.length === 0 || tooMany) return;
    const divisionChoice = choiceOf(division);
    const horizonChoice = choiceOf(horizon) as Horizon | null | undefined;
    const result = await apply.run({
      items: items.map(({ id, version }) => ({ id, version })),
      ...(divisionChoice !== undefined ? { responsibleDivisionId: divisionChoice } : {}),
      ...(horizonChoice !== undefined ? { horizon: horizonChoice } : {}),
      ...(comment.trim() ? { comment } : {}),
    });
    if (result) setRows(result.rows);
  };

  return {
    form: { division, setDivision, horizon, setHorizon, comment, setComment },
    showNothingChosen: submitted && nothingChosen,
    rows,
    tooMany,
    submit,
    running: apply.running,
    error: apply.error,
  };
};

export type BulkHandlingForm = ReturnType<typeof useBulkHandlingChange>['form'];
