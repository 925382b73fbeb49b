import type { MasterDataChangeDto } from '#shared/master-data';
import type { StampPurpose } from '#shared/stamp-kind';

export const stampPurposeLabels: Record<StampPurpose, string> = {
  appreciation: '褒める・感謝',
  one_on_one: '1on1のお誘い',
};

const actionLabels: Record<string, string> = {
  create: '追加',
  update: '変更',
  retire: '廃止',
  restore: '再開',
  reorder: '並べ替え',
};

const fieldLabels: Record<string, string> = {
  label: '名前',
  emoji: '絵文字',
  purpose: '用途',
  isActive: '状態',
};

const valueText = (field: string, value: unknown): string =>
  field === 'isActive'
    ? value
      ? '使用中'
      : '廃止'
    : field === 'purpose'
      ? (stampPurposeLabels[value as StampPurpose] ?? String(value))
      : String(value ?? '');

/** What one audit entry did, in Japanese: 「名前: テレワーク → 柔軟な勤務」. */
export const changeSummary = (change: MasterDataChangeDto): string => {
  const action = actionLabels[change.action] ?? change.action;
  if (change.action === 'reorder') return action;
  if (!change.before) return `${action}（${valueText('label', change.after?.label)}）`;
  const diffs = Object.keys(fieldLabels)
    .filter((field) => change.before?.[field] !== change.after?.[field])
    .map(
      (field) =>
        `${fieldLabels[field]}: ${valueText(field, change.before?.[field])} → ${valueText(field, change.after?.[field])}`,
    );
  return diffs.length > 0 ? `${action}（${diffs.join('、')}）` : action;
};
