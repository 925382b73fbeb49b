import type { MonthlyProposalPointDto } from '#shared/dashboard';
import { formatCount } from '../../format/number';
import { ChartOrTable } from './ChartOrTable';
import { DashboardCard } from './DashboardCard';
import { DataTable } from './DataTable';
import { MonthlyProposalChart } from './lazy-charts';

/** Submissions per month of the fiscal year and realisations per month (whatever year they came from). */
export const MonthlySection = ({ points }: { points: MonthlyProposalPointDto[] }) => (
  <DashboardCard
    title="月別の提案数と実現数"
    description="実現数は、その月に実現見込み・実現完了になった提案の数です。"
    wide
  >
    <ChartOrTable
      chart={<MonthlyProposalChart points={points} />}
      table={
        <DataTable
          caption="月別の提案数と実現数"
          columns={[
            { key: 'month', label: '月' },
            { key: 'submissions', label: '提案数', numeric: true },
            { key: 'realisations', label: '実現数', numeric: true },
          ]}
          rows={points.map((point) => ({
            key: point.month,
            cells: [point.label, formatCount(point.submissions), formatCount(point.realisations)],
          }))}
        />
      }
    />
  </DashboardCard>
);
