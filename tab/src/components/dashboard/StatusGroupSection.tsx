import { makeStyles, tokens } from '@fluentui/react-components';
import type { StatusGroupTableDto } from '#shared/dashboard';
import { formatCount, formatShare } from '../../format/number';
import { EmptyState } from '../StateViews';
import { DashboardCard } from './DashboardCard';
import { DataTable } from './DataTable';
import { LazyChart } from './ChartOrTable';
import { StatusDonutChart } from './lazy-charts';

const useStyles = makeStyles({
  body: {
    display: 'grid',
    gap: tokens.spacingVerticalL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 260px), 1fr))',
    alignItems: 'center',
  },
});

/**
 * The plan's table (実現完了（又は見込み） / 検討中等 / その他 and 合計) exactly as the server computed
 * it, with a donut beside it; the table itself is the chart's accessible equivalent.
 */
export const StatusGroupSection = ({
  table,
  fiscalYearLabel,
}: {
  table: StatusGroupTableDto;
  fiscalYearLabel: string;
}) => {
  const styles = useStyles();
  return (
    <DashboardCard
      title="提案の状況"
      description={`${fiscalYearLabel}に受け付けた提案（取下げ・統合を除く）`}
    >
      {table.total === 0 ? (
        <EmptyState title="この年度の提案はまだありません" />
      ) : (
        <div className={styles.body}>
          <DataTable
            caption="提案の状況"
            captionHidden
            columns={[
              { key: 'group', label: '区分' },
              { key: 'count', label: '件数', numeric: true },
              { key: 'share', label: '割合', numeric: true },
            ]}
            rows={[
              ...table.rows.map((row) => ({
                key: row.group,
                cells: [row.label, formatCount(row.count), formatShare(row.share)],
              })),
              { key: 'total', cells: ['合計', formatCount(table.total), formatShare(100)], isTotal: true },
            ]}
          />
          <LazyChart fallback={null}>
            <StatusDonutChart rows={table.rows} total={table.total} />
          </LazyChart>
        </div>
      )}
    </DashboardCard>
  );
};
