import { reportGroupLabels, reportGroups } from '#shared/proposal-status';
import type { BreakdownRowDto } from '#shared/dashboard';
import { formatCount } from '../../format/number';
import { EmptyState } from '../StateViews';
import { ChartOrTable } from './ChartOrTable';
import { DashboardCard } from './DashboardCard';
import { DataTable } from './DataTable';
import { GroupBreakdownChart } from './lazy-charts';

/** Proposals of the year per division or category, stacked by the plan's three groups, with its table. */
export const BreakdownSection = ({
  title,
  keyLabel,
  rows,
  wide = false,
}: {
  title: string;
  /** The first column's header: 課 / 分野. */
  keyLabel: string;
  rows: BreakdownRowDto[];
  wide?: boolean;
}) => (
  <DashboardCard title={title} wide={wide}>
    {rows.length === 0 ? (
      <EmptyState title="この年度の提案はまだありません" />
    ) : (
      <ChartOrTable
        chart={<GroupBreakdownChart rows={rows} />}
        table={
          <DataTable
            caption={title}
            columns={[
              { key: 'label', label: keyLabel },
              ...reportGroups.map((group) => ({
                key: group,
                label: reportGroupLabels[group],
                numeric: true,
              })),
              { key: 'total', label: '合計', numeric: true },
            ]}
            rows={rows.map((row) => ({
              key: row.key ?? (row.isRest ? 'rest' : 'unset'),
              cells: [
                row.label,
                ...reportGroups.map((group) => formatCount(row.counts[group])),
                formatCount(row.total),
              ],
            }))}
          />
        }
      />
    )}
  </DashboardCard>
);
