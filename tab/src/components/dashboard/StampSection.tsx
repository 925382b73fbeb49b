import { makeStyles, mergeClasses, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { StampKpiDto } from '#shared/dashboard';
import { formatCount } from '../../format/number';
import { getSubjectStampKpis } from '../../api/proposal-thanks';
import { useApiQuery } from '../../hooks/useApiQuery';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { ChartOrTable } from './ChartOrTable';
import { DashboardCard } from './DashboardCard';
import { DataTable } from './DataTable';
import { CountBarsChart, MonthlyCountChart } from './lazy-charts';

const useStyles = makeStyles({
  kpis: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXXL,
    margin: 0,
  },
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
  part: { display: 'grid', gap: tokens.spacingVerticalS, alignContent: 'start', minWidth: 0 },
  // Twelve month labels need the card's whole width.
  wholeRow: { gridColumn: '1 / -1' },
  partHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  emoji: { marginRight: tokens.spacingHorizontalXS },
  retired: { color: tokens.colorNeutralForeground3 },
});

const StampKpis = ({ stamps }: { stamps: StampKpiDto }) => {
  const styles = useStyles();
  return (
    <dl className={styles.kpis}>
      <div className={styles.kpi}>
        <dt className={styles.kpiLabel}>送られたスタンプ</dt>
        <dd className={styles.kpiValue}>{formatCount(stamps.total)}</dd>
      </div>
      <div className={styles.kpi}>
        <dt className={styles.kpiLabel}>スタンプを送った職員</dt>
        <dd className={styles.kpiValue}>{formatCount(stamps.activeSenders)}人</dd>
      </div>
    </dl>
  );
};

const MonthlyStamps = ({ monthly }: { monthly: StampKpiDto['monthly'] }) => (
  <ChartOrTable
    chart={<MonthlyCountChart points={monthly} legend="スタンプ数" />}
    table={
      <DataTable
        caption="月別のアクションスタンプ"
        columns={[
          { key: 'month', label: '月' },
          { key: 'count', label: 'スタンプ数', numeric: true },
        ]}
        rows={monthly.map((point) => ({ key: point.month, cells: [point.label, formatCount(point.count)] }))}
      />
    }
  />
);

const StampsByDivision = ({ rows }: { rows: StampKpiDto['bySenderDivision'] }) => {
  const keyOf = (row: StampKpiDto['bySenderDivision'][number]) =>
    row.divisionId ?? (row.isRest ? 'rest' : 'unset');
  return (
    <ChartOrTable
      chart={
        <CountBarsChart rows={rows.map((row) => ({ key: keyOf(row), label: row.label, count: row.count }))} />
      }
      table={
        <DataTable
          caption="所属別のアクションスタンプ"
          columns={[
            { key: 'division', label: '所属' },
            { key: 'count', label: 'スタンプ数', numeric: true },
          ]}
          rows={rows.map((row) => ({ key: keyOf(row), cells: [row.label, formatCount(row.count)] }))}
        />
      }
    />
  );
};

const StampsByKind = ({ kinds }: { kinds: StampKpiDto['byKind'] }) => {
  const styles = useStyles();
  return (
    <DataTable
      caption="種類別のアクションスタンプ"
      captionHidden
      columns={[
        { key: 'kind', label: '種類' },
        { key: 'count', label: 'スタンプ数', numeric: true },
      ]}
      rows={kinds.map((kind) => ({
        key: kind.code,
        cells: [
          <span key="kind" className={kind.isActive ? undefined : styles.retired}>
            <span className={styles.emoji} aria-hidden>
              {kind.emoji}
            </span>
            {kind.label}
            {!kind.isActive && '（廃止）'}
          </span>,
          formatCount(kind.count),
        ],
      }))}
    />
  );
};

/** The parts of the section for one set of stamps (all, or those about a proposal or a 重点案件). */
const StampParts = ({ stamps, emptyTitle }: { stamps: StampKpiDto; emptyTitle: string }) => {
  const styles = useStyles();
  return (
    <>
      <StampKpis stamps={stamps} />
      {stamps.total === 0 ? (
        <EmptyState title={emptyTitle} />
      ) : (
        <div className={styles.parts}>
          <div className={mergeClasses(styles.part, styles.wholeRow)}>
            <h3 className={styles.partHeading}>月別</h3>
            <MonthlyStamps monthly={stamps.monthly} />
          </div>
          <div className={styles.part}>
            <h3 className={styles.partHeading}>送った職員の所属別</h3>
            <StampsByDivision rows={stamps.bySenderDivision} />
          </div>
          <div className={styles.part}>
            <h3 className={styles.partHeading}>種類別</h3>
            <StampsByKind kinds={stamps.byKind} />
          </div>
        </div>
      )}
    </>
  );
};

/** The same KPIs over the stamps about a proposal or a 重点案件 only (loaded when asked for). */
const SubjectStamps = ({
  fiscalYear,
  divisionId,
}: {
  fiscalYear: number;
  divisionId?: string | undefined;
}) => {
  const query = useApiQuery(['dashboard-subject-stamps', fiscalYear, divisionId ?? null], (api, signal) =>
    getSubjectStampKpis(api, { fiscalYear, divisionId }, signal),
  );
  if (query.error !== undefined) return <ErrorState error={query.error} onRetry={query.reload} />;
  if (!query.data || query.data.fiscalYear !== fiscalYear) return <LoadingState />;
  return (
    <StampParts
      stamps={query.data.stamps}
      emptyTitle="この年度の、提案・重点案件についてのスタンプはまだありません"
    />
  );
};

/**
 * Action-stamp KPIs of the year: totals, per month, per sender division and per kind; with the year
 * given, a switch narrows them to the stamps about a proposal or a 重点案件 (「この提案について」).
 */
export const StampSection = ({
  stamps,
  fiscalYear,
  divisionId,
}: {
  stamps: StampKpiDto;
  fiscalYear?: number | undefined;
  divisionId?: string | undefined;
}) => {
  const [aboutOnly, setAboutOnly] = useState(false);
  return (
    <DashboardCard title="アクションスタンプ" wide>
      {fiscalYear !== undefined && (
        <Switch
          checked={aboutOnly}
          label="提案・重点案件へのお礼だけを数える"
          onChange={(_event, data) => setAboutOnly(data.checked)}
        />
      )}
      {aboutOnly && fiscalYear !== undefined ? (
        <SubjectStamps fiscalYear={fiscalYear} divisionId={divisionId} />
      ) : (
        <StampParts stamps={stamps} emptyTitle="この年度のアクションスタンプはまだありません" />
      )}
    </DashboardCard>
  );
};
