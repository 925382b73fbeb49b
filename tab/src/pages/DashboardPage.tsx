import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { BookOpen20Regular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { useHref, useLinkClickHandler, useSearchParams } from 'react-router';
import type { DashboardDto } from '#shared/dashboard';
import { isOffice, useSession } from '../auth/session-context';
import { AppLink } from '../components/AppLink';
import { AdoptionSection } from '../components/dashboard/AdoptionSection';
import { BreakdownSection } from '../components/dashboard/BreakdownSection';
import { DefaultedYearNotice } from '../components/DefaultedYearNotice';
import { DashboardYearSelect } from '../components/dashboard/DashboardYearSelect';
import { preloadCharts } from '../components/dashboard/lazy-charts';
import { MonthlySection } from '../components/dashboard/MonthlySection';
import { ProjectSummarySection } from '../components/dashboard/ProjectSummarySection';
import { StampSection } from '../components/dashboard/StampSection';
import { StatusGroupSection } from '../components/dashboard/StatusGroupSection';
import { TopSupportedSection } from '../components/dashboard/TopSupportedSection';
import { ErrorState, LoadingState } from '../components/StateViews';
import { useApiQuery } from '../hooks/useApiQuery';
import { dashboardQuery } from './dashboard-query';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
  titles: { marginRight: 'auto', minWidth: 0 },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  scope: {
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  controls: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  collectionLink: { marginLeft: tokens.spacingHorizontalM },
  grid: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 440px), 1fr))',
    alignItems: 'start',
    '@media (max-width: 480px)': { gap: tokens.spacingHorizontalM },
  },
});

/** 「提案集を作る」 (the office's): the year's collection to print and download (a link, styled as a button). */
const CollectionLink = ({ fiscalYear }: { fiscalYear: number }) => {
  const styles = useStyles();
  const to = `/collection/${fiscalYear}`;
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button
      as="a"
      href={href}
      onClick={onClick}
      icon={<BookOpen20Regular />}
      className={styles.collectionLink}
    >
      提案集を作る
    </Button>
  );
};

/**
 * ダッシュボード: the published progress of a fiscal year for everyone — the plan's status table,
 * breakdowns, monthly series, action stamps and priority projects. The year is kept in the URL
 * (`?fiscalYear=2024`); a division's channel tab adds `?division=<id>` to show that division's figures.
 */
export const DashboardPage = () => {
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  const { fiscalYear, key, load } = dashboardQuery(params);
  const query = useApiQuery(key, load);
  const { data, error, loading } = query;
  const { user, teams } = useSession();
  // The charts' chunk once the figures are on screen (see preloadCharts).
  const hasData = data !== undefined;
  useEffect(() => {
    if (hasData) preloadCharts();
  }, [hasData]);

  const selectYear = (year: number) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set('fiscalYear', String(year));
      return next;
    });

  return (
    <>
      <div className={styles.header}>
        <div className={styles.titles}>
          <h1 className={styles.heading}>ダッシュボード</h1>
          {/* Teams shows no header: the dashboard (the first static tab) is where the office finds 組織
              and 職員, and admins 権限管理. */}
          {teams && isOffice(user) && (
            <p className={styles.scope}>
              <AppLink to="/org">組織</AppLink>
              <AppLink to="/staff">職員</AppLink>
              <AppLink to="/master-data">分類・スタンプ</AppLink>
              {user.roles.includes('admin') && <AppLink to="/roles">権限管理（管理者）</AppLink>}
            </p>
          )}
          {data?.division && (
            <p className={styles.scope}>
              <span>{data.division.name}の提案状況</span>
              <AppLink to={fiscalYear ? `/dashboard?fiscalYear=${fiscalYear}` : '/dashboard'}>
                全体を表示
              </AppLink>
            </p>
          )}
        </div>
        {data && (
          <div className={styles.controls}>
            {loading && <Spinner size="extra-tiny" aria-label="更新しています" />}
            <DashboardYearSelect
              value={fiscalYear ?? data.fiscalYear}
              options={data.availableFiscalYears}
              onChange={selectYear}
            />
            {isOffice(user) && !data.division && <CollectionLink fiscalYear={data.fiscalYear} />}
          </div>
        )}
      </div>
      {data?.defaulted && fiscalYear === undefined && (
        <DefaultedYearNotice shown={data.fiscalYear} current={data.currentFiscalYear} what="提案・スタンプ" />
      )}
      {error ? (
        <ErrorState error={error} onRetry={query.reload} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <DashboardGrid dashboard={data} busy={loading} className={styles.grid} />
      )}
    </>
  );
};

const DashboardGrid = ({
  dashboard,
  busy,
  className,
}: {
  dashboard: DashboardDto;
  busy: boolean;
  className: string;
}) => {
  const { user } = useSession();
  const hasProposals = dashboard.statusTable.total > 0;
  const hasMonthly = dashboard.monthly.some((point) => point.submissions > 0 || point.realisations > 0);
  return (
    <div className={className} aria-busy={busy}>
      <StatusGroupSection table={dashboard.statusTable} fiscalYearLabel={dashboard.fiscalYearLabel} />
      {hasProposals && <BreakdownSection title="分野別の提案" keyLabel="分野" rows={dashboard.byCategory} />}
      {hasProposals && !dashboard.division && (
        <BreakdownSection
          title="提案者の所属別の提案"
          keyLabel="所属"
          rows={dashboard.byProposerDivision}
          wide
        />
      )}
      {hasMonthly && <MonthlySection points={dashboard.monthly} />}
      {isOffice(user) && !dashboard.division && <TopSupportedSection />}
      <StampSection
        stamps={dashboard.stamps}
        fiscalYear={dashboard.fiscalYear}
        divisionId={dashboard.division?.id}
      />
      {!dashboard.division && <AdoptionSection fiscalYear={dashboard.fiscalYear} />}
      <ProjectSummarySection projects={dashboard.priorityProjects} />
    </div>
  );
};
