import { createElement, lazy, type Attributes, type ComponentProps, type ComponentType } from 'react';
import type * as DashboardCharts from './charts/DashboardCharts';

/**
 * The dashboard's charts, loaded lazily: one chunk (with @fluentui/react-charts and d3) fetched once
 * the dashboard shows its figures, never part of the initial bundle. Once the chunk is in memory the charts
 * render straight away (no Suspense fallback flashing on every year change).
 */
type Charts = typeof DashboardCharts;

let charts: Promise<Charts> | undefined;
let loaded: Charts | undefined;
const load = () =>
  (charts ??= import('./charts/DashboardCharts').then((module) => {
    loaded = module;
    return module;
  }));

/**
 * Starts fetching the charts. The dashboard calls it once its tables are on screen: the chunk is the
 * tab's largest, and compiling it any earlier would hold up the figures, which need no chart.
 */
export const preloadCharts = (): void => void load().catch(() => undefined);

const chart = <K extends keyof Charts>(name: K): ComponentType<ComponentProps<Charts[K]>> => {
  type Props = ComponentProps<Charts[K]>;
  const Lazy = lazy(() => load().then((module) => ({ default: module[name] as ComponentType<Props> })));
  const Chart = (props: Props) => {
    const Component: ComponentType<Props> = (loaded?.[name] as ComponentType<Props> | undefined) ?? Lazy;
    return createElement(Component, props as Props & Attributes);
  };
  Chart.displayName = name;
  return Chart;
};

export const StatusDonutChart = chart('StatusDonutChart');
export const GroupBreakdownChart = chart('GroupBreakdownChart');
export const MonthlyProposalChart = chart('MonthlyProposalChart');
export const MonthlyCountChart = chart('MonthlyCountChart');
export const CountBarsChart = chart('CountBarsChart');
