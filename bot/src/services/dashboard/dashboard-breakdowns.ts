// Proposal counts broken down by a key (proposer's division, category), each row split by report
// group; long lists keep their top rows and sum the others into one 「その他」 row.
import { reportGroupOf, reportGroups, type BreakdownRowDto, type ReportGroup } from '#shared';
import type { ProposalAggregateRow } from '../../data/repositories/dashboard-repository';

/** Divisions shown one by one; the rest are summed into one 「その他」 row. */
export const dashboardTopDivisions = 10;
const unsetDivisionLabel = '（所属未設定）';
export const restLabel = 'その他';

/** A division's name for the dashboard, with one label for proposals and stamps without a division. */
export const divisionLabelOf = (divisionNames: Map<string, string>) => (id: string | null) =>
  id ? (divisionNames.get(id) ?? unsetDivisionLabel) : unsetDivisionLabel;

const emptyCounts = (): Record<ReportGroup, number> => ({ realised: 0, considering: 0, blocked: 0 });

/** Counts per report group for each key, sorted by total (then label); withdrawn and merged left out. */
export const breakdown = (
  rows: ProposalAggregateRow[],
  keyOf: (row: ProposalAggregateRow) => string | null,
  labelOf: (key: string | null) => string,
): BreakdownRowDto[] => {
  const byKey = new Map<string | null, BreakdownRowDto>();
  for (const row of rows) {
    const group = reportGroupOf(row.status);
    if (!group) continue;
    const key = keyOf(row);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, label: labelOf(key), total: 0, counts: emptyCounts(), isRest: false };
      byKey.set(key, entry);
    }
    entry.counts[group] += row.count;
    entry.total += row.count;
  }
  return [...byKey.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'ja'));
};

/** The first `limit` rows and one 「その他」 row summing the others. */
export const topWithRest = (rows: BreakdownRowDto[], limit: number): BreakdownRowDto[] => {
  if (rows.length <= limit + 1) return rows;
  const rest: BreakdownRowDto = {
    key: null,
    label: restLabel,
    total: 0,
    counts: emptyCounts(),
    isRest: true,
  };
  for (const row of rows.slice(limit)) {
    rest.total += row.total;
    for (const group of reportGroups) rest.counts[group] += row.counts[group];
  }
  return [...rows.slice(0, limit), rest];
};
