import {
  DonutChart,
  HorizontalBarChart,
  HorizontalBarChartVariant,
  ResponsiveContainer,
  VerticalBarChart,
  type Legend,
} from '@fluentui/react-charts';
import { tokens } from '@fluentui/react-components';
import { reportGroupLabels, reportGroups, type ReportGroup } from '#shared/proposal-status';
import type {
  BreakdownRowDto,
  MonthlyCountDto,
  MonthlyProposalPointDto,
  StatusGroupRowDto,
} from '#shared/dashboard';
import { formatCount } from '../../../format/number';

/**
 * Every chart of the dashboard, in one module that is only ever imported lazily (React.lazy in
 * lazy-charts.ts), so @fluentui/react-charts and d3 stay out of the initial bundle. Colours are
 * Fluent tokens (CSS variables), so the charts follow the light, dark and high-contrast themes.
 * Figures are written in full (`1,017`, never `1.0k`); the tables next to the charts carry them too.
 */

/**
 * Colours as tokens picked so that the three groups stay three different colours in every Teams
 * theme: light and dark show green / brand blue / marigold; high contrast (where every palette
 * background is white) shows cyan / yellow / white.
 */
const groupColors: Record<ReportGroup, string> = {
  realised: tokens.colorPaletteGreenBorderActive,
  considering: tokens.colorBrandForegroundLink,
  blocked: tokens.colorPaletteMarigoldBackground3,
};

const seriesColors = {
  bars: tokens.colorBrandForegroundLink,
  line: tokens.colorPaletteGreenBorderActive,
};

const chartHeight = 260;
/** Twelve months spread over the whole width (the default keeps thin bars bunched in the middle). */
const barSizing = { barWidth: 'auto', maxBarWidth: 32, xAxisInnerPadding: 0.4 } as const;
/** Legends wrap onto more lines rather than hide behind an English 「+3 more」. */
const legendProps = { enabledWrapLines: true };

export const StatusDonutChart = ({ rows, total }: { rows: StatusGroupRowDto[]; total: number }) => (
  <DonutChart
    data={{
      chartData: rows.map((row) => ({
        legend: row.label,
        data: row.count,
        color: groupColors[row.group],
        yAxisCalloutData: `${formatCount(row.count)}件（${row.share.toFixed(1)}%）`,
      })),
    }}
    innerRadius={55}
    height={240}
    valueInsideDonut={`${formatCount(total)}件`}
    legendProps={legendProps}
    hideLabels
  />
);

/** The three groups' legend, once (the bar chart would list it once per bar). */
const groupLegends: Legend[] = reportGroups.map((group) => ({
  title: reportGroupLabels[group],
  color: groupColors[group],
}));

/**
 * One bar per division or category split into the three groups (each bar is that row's whole, so
 * the realised shares compare); the label with the row's total sits above its bar, which suits long
 * Japanese names on narrow screens.
 */
export const GroupBreakdownChart = ({ rows }: { rows: BreakdownRowDto[] }) => (
  <HorizontalBarChart
    variant={HorizontalBarChartVariant.AbsoluteScale}
    data={rows.map((row) => ({
      chartTitle: `${row.label}（${formatCount(row.total)}件）`,
      chartData: reportGroups.map((group) => ({
        legend: reportGroupLabels[group],
        horizontalBarChartdata: { x: row.counts[group], total: row.total },
        color: groupColors[group],
        yAxisCalloutData: `${formatCount(row.counts[group])}件`,
      })),
    }))}
    legendProps={{ ...legendProps, legends: groupLegends }}
    hideLabels
    barHeight={14}
  />
);

/** Submissions as bars, realisations as a line over them. */
export const MonthlyProposalChart = ({ points }: { points: MonthlyProposalPointDto[] }) => (
  <ResponsiveContainer height={chartHeight}>
    <VerticalBarChart
      data={points.map((point) => ({
        x: point.label,
        y: point.submissions,
        legend: '提案数',
        color: seriesColors.bars,
        yAxisCalloutData: `${formatCount(point.submissions)}件`,
        lineData: { y: point.realisations, yAxisCalloutData: `${formatCount(point.realisations)}件` },
      }))}
      lineLegendText="実現数"
      lineLegendColor={seriesColors.line}
      legendProps={legendProps}
      {...barSizing}
      hideLabels
    />
  </ResponsiveContainer>
);

export const MonthlyCountChart = ({ points, legend }: { points: MonthlyCountDto[]; legend: string }) => (
  <ResponsiveContainer height={chartHeight}>
    <VerticalBarChart
      data={points.map((point) => ({
        x: point.label,
        y: point.count,
        legend,
        color: seriesColors.bars,
        yAxisCalloutData: `${formatCount(point.count)}件`,
      }))}
      hideLegend
      {...barSizing}
      hideLabels
    />
  </ResponsiveContainer>
);

/** One bar per division, all on the largest one's scale; the label above the bar carries the figure. */
export const CountBarsChart = ({ rows }: { rows: { key: string; label: string; count: number }[] }) => {
  const largest = Math.max(1, ...rows.map((row) => row.count));
  return (
    <HorizontalBarChart
      variant={HorizontalBarChartVariant.AbsoluteScale}
      data={rows.map((row) => ({
        chartTitle: `${row.label}（${formatCount(row.count)}件）`,
        chartData: [
          {
            legend: row.label,
            horizontalBarChartdata: { x: row.count, total: largest },
            color: seriesColors.bars,
            yAxisCalloutData: `${formatCount(row.count)}件`,
          },
        ],
      }))}
      hideLabels
      barHeight={14}
    />
  );
};
