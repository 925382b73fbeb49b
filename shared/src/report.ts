import { reportGroupOf, reportGroups, type ProposalStatus, type ReportGroup } from './proposal-status';

/**
 * Share of a part in a whole as a percentage rounded half-up to one decimal (191 of 648 → 29.5).
 * Integer arithmetic so 12.25 does not become 12.2 through floating-point error.
 */
export const percentage = (part: number, total: number): number => {
  if (total <= 0) return 0;
  const tenthsTimesTotal = part * 1000;
  const tenths = Math.floor(tenthsTimesTotal / total);
  const remainder = tenthsTimesTotal - tenths * total;
  return (tenths + (remainder * 2 >= total ? 1 : 0)) / 10;
};

export interface StatusGroupRow {
  group: ReportGroup;
  count: number;
  /** Percentage of the total, one decimal. */
  share: number;
}

export interface StatusGroupReport {
  total: number;
  rows: StatusGroupRow[];
}

/**
 * The plan's table (実現完了（又は見込み） / 検討中等 / その他 with shares) from counts per status.
 * This is the one place the dashboard's numbers are computed.
 */
export const statusGroupReport = (
  countsByStatus: Partial<Record<ProposalStatus, number>>,
): StatusGroupReport => {
  const counts: Record<ReportGroup, number> = { realised: 0, considering: 0, blocked: 0 };
  for (const [status, count] of Object.entries(countsByStatus) as [ProposalStatus, number][]) {
    const group = reportGroupOf(status);
    if (group) counts[group] += count;
  }
  const total = counts.realised + counts.considering + counts.blocked;
  return {
    total,
    rows: reportGroups.map((group) => ({
      group,
      count: counts[group],
      share: percentage(counts[group], total),
    })),
  };
};
