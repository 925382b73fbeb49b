import { divisionKindLabels, type DivisionKind, type OrgChangeDto } from '#shared/organisation';

export const orgActionLabels: Record<string, string> = {
  create: '追加',
  rename: '名称変更',
  update: '変更',
  retire: '廃止',
  reactivate: '再開',
  merge: '統合',
  merge_in: '統合（受け入れ）',
  import: 'CSV取込',
  assign: '所属変更',
  map: '対応付け',
};

const fieldLabels: Record<string, string> = {
  code: 'コード',
  name: '名称',
  kind: '種類',
  parentId: '上位組織',
  sortOrder: '表示順',
  isActive: '状態',
  divisionId: '所属',
  effectiveDate: '発令日',
  departmentName: 'Entraの部署名',
  state: '状態',
};

type Names = (id: string) => string | undefined;

const valueText = (field: string, value: unknown, nameOf: Names): string => {
  if (value === null || value === undefined) return 'なし';
  if (field === 'isActive') return value ? '有効' : '廃止';
  if (field === 'kind') return divisionKindLabels[value as DivisionKind] ?? String(value);
  if (field === 'parentId' || field === 'divisionId') return nameOf(String(value)) ?? '（不明な組織）';
  return String(value);
};

/** What one audited change did, as short Japanese lines (「名称: 人事課 → 人事企画課」). */
export const orgChangeLines = (change: OrgChangeDto, nameOf: Names): string[] => {
  if (change.action === 'merge' || change.action === 'merge_in') {
    const moved = (change.after?.moved ?? {}) as Record<string, number>;
    const total = Object.values(moved).reduce((sum, n) => sum + n, 0);
    const partner =
      change.action === 'merge'
        ? `統合先: ${valueText('divisionId', change.after?.mergedIntoId, nameOf)}`
        : `統合元: ${String(change.after?.mergedFromName ?? '')}`;
    return [partner, `移した記録: ${total}件`];
  }
  const before = change.before ?? {};
  const after = change.after ?? {};
  const lines = Object.keys(fieldLabels).flatMap((field) => {
    if (!(field in after) && !(field in before)) return [];
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) return [];
    const to = valueText(field, after[field], nameOf);
    return [
      field in before
        ? `${fieldLabels[field]}: ${valueText(field, before[field], nameOf)} → ${to}`
        : `${fieldLabels[field]}: ${to}`,
    ];
  });
  const moved = after.moved as
    { proposals?: number; stampsSent?: number; stampsReceived?: number } | undefined;
  if (moved && change.action === 'assign')
    lines.push(
      `新しい所属に移した記録: 提案${moved.proposals ?? 0}件・送ったスタンプ${moved.stampsSent ?? 0}件・受け取ったスタンプ${moved.stampsReceived ?? 0}件`,
    );
  return lines;
};
