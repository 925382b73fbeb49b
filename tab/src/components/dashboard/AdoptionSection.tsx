import { makeStyles, tokens } from '@fluentui/react-components';
import type { AdoptionDashboardDto } from '#shared/adoption';
import { getAdoptionDashboard } from '../../api/adoptions';
import { formatCount } from '../../format/number';
import { useApiQuery } from '../../hooks/useApiQuery';
import { AppLink } from '../AppLink';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { DashboardCard } from './DashboardCard';
import { DataTable } from './DataTable';

const useStyles = makeStyles({
  kpis: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXL, margin: 0 },
  kpi: { display: 'flex', flexDirection: 'column-reverse', gap: tokens.spacingVerticalXXS },
  kpiLabel: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase300 },
  kpiValue: {
    margin: 0,
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  parts: {
    display: 'grid',
    gap: tokens.spacingHorizontalXXL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))',
  },
  number: { whiteSpace: 'nowrap', color: tokens.colorNeutralForeground3 },
});

const AdoptionKpis = ({ data }: { data: AdoptionDashboardDto }) => {
  const styles = useStyles();
  const kpis: [string, string][] = [
    ['「導入した」の登録', `${formatCount(data.total.adopted)}件`],
    ['「導入を検討中」の登録', `${formatCount(data.total.considering)}件`],
    ['横展開された提案', `${formatCount(data.proposalCount)}件`],
  ];
  return (
    <dl className={styles.kpis}>
      {kpis.map(([label, value]) => (
        <div key={label} className={styles.kpi}>
          <dt className={styles.kpiLabel}>{label}</dt>
          <dd className={styles.kpiValue}>{value}</dd>
        </div>
      ))}
    </dl>
  );
};

const countColumns = [
  { key: 'adopted', label: '導入', numeric: true },
  { key: 'considering', label: '検討中', numeric: true },
];

const AdoptionTables = ({ data }: { data: AdoptionDashboardDto }) => {
  const styles = useStyles();
  return (
    <div className={styles.parts}>
      <DataTable
        caption={`よく横展開された提案（上位${data.byProposal.length}件）`}
        columns={[{ key: 'proposal', label: '提案' }, ...countColumns]}
        rows={data.byProposal.map((row) => ({
          key: row.proposalId,
          cells: [
            <span key="proposal">
              <span className={styles.number}>{row.number}</span>{' '}
              <AppLink to={`/proposals/${row.proposalId}`}>{row.title}</AppLink>
            </span>,
            formatCount(row.adopted),
            formatCount(row.considering),
          ],
        }))}
      />
      <DataTable
        caption="所属別の横展開"
        columns={[{ key: 'division', label: '所属' }, ...countColumns]}
        rows={data.byDivision.map((row) => ({
          key: row.divisionId,
          cells: [row.label, formatCount(row.adopted), formatCount(row.considering)],
        }))}
      />
    </div>
  );
};

/**
 * 横展開 of the dashboard's fiscal year: records of 「うちの課でも導入した」 and 「導入を検討中」 dated
 * in the year, the most adopted proposals and every division's records. Loaded on its own, so the
 * rest of the dashboard does not wait for it.
 */
export const AdoptionSection = ({ fiscalYear }: { fiscalYear: number }) => {
  const query = useApiQuery(['dashboard-adoptions', fiscalYear], (api, signal) =>
    getAdoptionDashboard(api, fiscalYear, signal),
  );
  const data = query.data?.fiscalYear === fiscalYear ? query.data : undefined;
  return (
    <DashboardCard
      title="横展開（ほかの課での導入）"
      description="実現した提案を、ほかの課が導入した・導入を検討している件数（登録された日付の年度）"
      wide
    >
      {query.error !== undefined ? (
        <ErrorState error={query.error} onRetry={query.reload} />
      ) : !data ? (
        <LoadingState />
      ) : data.total.adopted + data.total.considering === 0 ? (
        <EmptyState title={`${data.fiscalYearLabel}の横展開はまだ登録されていません`} />
      ) : (
        <>
          <AdoptionKpis data={data} />
          <AdoptionTables data={data} />
        </>
      )}
    </DashboardCard>
  );
};
