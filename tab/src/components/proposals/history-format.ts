import { horizonLabels, type Horizon } from '#shared/proposal';
import {
  blockReasonLabels,
  proposalStatusLabels,
  type BlockReason,
  type ProposalStatus,
} from '#shared/proposal-status';
import type { HistoryChanges } from '#shared/tab-api';
import { formatCalendarDate } from '../../format/date-time';

/**
 * The audit history's field-by-field changes in Japanese. The server records raw values (status
 * codes, division and project ids); the names come from the tab's reference data.
 */
export interface NameLookup {
  division(id: string): string | undefined;
  project(id: string): string | undefined;
  /** A category's label (the office's list); the code when unknown. */
  category?(code: string): string | undefined;
}

/** In the order they are shown. */
const fieldLabels: Record<string, string> = {
  status: '状態',
  blockReason: '理由の区分',
  blockReasonNote: '理由',
  revisitOn: '再検討時期',
  answer: '回答',
  responsibleDivisionId: '所管課',
  horizon: '期間',
  targetOn: '実現目標日',
  isPublished: '公開',
  mergedIntoId: '統合先',
  mergedFrom: '統合された提案',
  priorityProjectId: '重点案件',
  title: '件名',
  body: '提案内容',
  category: '分類',
  expectedEffect: '期待される効果',
  proposerDivisionId: '提案者の所属',
  draftStatus: '回答案の状態',
  draftAnswer: '回答案',
};

/** Fields whose id duplicates another entry of the same change (the merged proposal's number). */
const hiddenFields = new Set(['mergedFromId']);

/** Free text: shown as a block, not squeezed into "from → to". */
export const textFields = new Set([
  'answer',
  'draftAnswer',
  'blockReasonNote',
  'title',
  'body',
  'expectedEffect',
]);

export interface ChangeValue {
  text: string;
  /** A proposal the value refers to (統合先), opened in the tab. */
  proposalId?: string;
}

export interface FormattedChange {
  field: string;
  label: string;
  from: ChangeValue | undefined;
  to: ChangeValue;
  isText: boolean;
}

const none = '（なし）';

const formatValue = (field: string, value: unknown, names: NameLookup): ChangeValue => {
  if (value === null || value === undefined || value === '') return { text: none };
  const raw = String(value);
  switch (field) {
    case 'status':
    case 'draftStatus':
      return { text: proposalStatusLabels[raw as ProposalStatus] ?? raw };
    case 'blockReason':
      return { text: blockReasonLabels[raw as BlockReason] ?? raw };
    case 'horizon':
      return { text: horizonLabels[raw as Horizon] ?? raw };
    case 'category':
      return { text: names.category?.(raw) ?? raw };
    case 'isPublished':
      return { text: value === true ? '公開' : '非公開' };
    case 'revisitOn':
    case 'targetOn':
      return { text: /^\d{4}-\d{2}-\d{2}$/.test(raw) ? formatCalendarDate(raw) : raw };
    case 'responsibleDivisionId':
    case 'proposerDivisionId':
      return { text: names.division(raw) ?? '（名称不明の課）' };
    case 'priorityProjectId':
      return { text: names.project(raw) ?? '（名称不明の重点案件）' };
    case 'mergedIntoId':
      return { text: '統合先の提案を開く', proposalId: raw };
    default:
      return { text: raw };
  }
};

const fieldOrder = Object.keys(fieldLabels);
const orderOf = (field: string) => {
  const index = fieldOrder.indexOf(field);
  return index === -1 ? fieldOrder.length : index;
};

/** The changes of one history entry, in a stable order (status, its reason, answer, …). */
export const formatChanges = (changes: HistoryChanges, names: NameLookup): FormattedChange[] =>
  Object.entries(changes)
    .filter(([field]) => !hiddenFields.has(field))
    .sort(([a], [b]) => orderOf(a) - orderOf(b))
    .map(([field, { from, to }]) => ({
      field,
      label: fieldLabels[field] ?? field,
      // Nothing before (a first value) is not worth a "（なし）→"; a cleared value still shows what it was.
      from: from === null || from === undefined || from === '' ? undefined : formatValue(field, from, names),
      to: formatValue(field, to, names),
      isText: textFields.has(field),
    }));

/** Ids the history refers to that need a name (projects linked once and maybe unlinked since). */
export const projectIdsIn = (entries: { changes: HistoryChanges }[]): string[] => [
  ...new Set(
    entries.flatMap(({ changes }) =>
      [changes.priorityProjectId?.from, changes.priorityProjectId?.to].filter(
        (value): value is string => typeof value === 'string' && value !== '',
      ),
    ),
  ),
];
