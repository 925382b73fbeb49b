// The dashboard's action-stamp section, from the stamp aggregates of the fiscal year.
import { fiscalYearMonths, type StampDivisionCountDto, type StampKpiDto } from '#shared';
import type { StampAggregateRow } from '../../data/repositories/dashboard-repository';
import type { findStampKinds } from '../../data/repositories/stamps-repository';
import { dashboardTopDivisions, divisionLabelOf, restLabel } from './dashboard-breakdowns';

/**
 * The action stamps' section: total and active senders, month by month, by sender's division (top
 * divisions and a rest row) and by kind.
 */
export const stampKpis = (
  fiscalYear: number,
  monthlyRows: { month: string; count: number }[],
  rows: StampAggregateRow[],
  activeSenders: number,
  kinds: Awaited<ReturnType<typeof findStampKinds>>,
  divisionNames: Map<string, string>,
): StampKpiDto => {
  const byMonth = new Map(monthlyRows.map((row) => [row.month, row.count]));
  const byKind = new Map<string, number>();
  const divisions: StampDivisionCountDto[] = [];
  let total = 0;
  for (const row of rows) {
    if (row.dimension === 'kind') byKind.set(row.kind_code!, row.count);
    else if (row.dimension === 'division') {
      divisions.push({
        divisionId: row.division_id,
        label: divisionLabelOf(divisionNames)(row.division_id),
        count: row.count,
        isRest: false,
      });
    } else total = row.count;
  }
  divisions.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ja'));
  const bySenderDivision =
    divisions.length <= dashboardTopDivisions + 1
      ? divisions
      : [
          ...divisions.slice(0, dashboardTopDivisions),
          {
            divisionId: null,
            label: restLabel,
            count: divisions.slice(dashboardTopDivisions).reduce((sum, row) => sum + row.count, 0),
            isRest: true,
          },
        ];
  return {
    total,
    activeSenders,
    monthly: fiscalYearMonths(fiscalYear).map(({ month, label }) => ({
      month,
      label,
      count: byMonth.get(month) ?? 0,
    })),
    bySenderDivision,
    // Every kind the organisation defines (retired ones only when used this year), in its order.
    byKind: kinds
      .filter((kind) => kind.isActive || byKind.has(kind.code))
      .map((kind) => ({
        code: kind.code,
        label: kind.label,
        emoji: kind.emoji,
        isActive: kind.isActive,
        count: byKind.get(kind.code) ?? 0,
      })),
  };
};
