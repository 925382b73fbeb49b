import { makeStyles, ToggleButton, tokens } from '@fluentui/react-components';
import { TableRegular } from '@fluentui/react-icons';
import { Component, Suspense, useState, type ReactNode } from 'react';
import { LoadingState } from '../StateViews';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  toolbar: { display: 'flex', justifyContent: 'flex-end' },
  chart: { minHeight: '120px', minWidth: 0 },
});

/** If the chart chunk cannot be loaded or the chart fails, `fallback` (its table) is shown instead. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** A lazily loaded chart: a spinner while its chunk loads, `fallback` if it cannot be shown. */
export const LazyChart = ({ fallback, children }: { fallback: ReactNode; children: ReactNode }) => (
  <ChartBoundary fallback={fallback}>
    <Suspense fallback={<LoadingState label="グラフを読み込んでいます…" />}>{children}</Suspense>
  </ChartBoundary>
);

/**
 * A chart with its accessible equivalent: the 「表で表示」 toggle swaps the chart (lazy-loaded, never in
 * the initial bundle) for a captioned table of the same figures. Keyboard and screen-reader users
 * reach the table through the toggle; a chart that fails to load falls back to the table.
 */
export const ChartOrTable = ({ chart, table }: { chart: ReactNode; table: ReactNode }) => {
  const styles = useStyles();
  const [showTable, setShowTable] = useState(false);
  return (
    <div className={styles.root}>
      <div className={styles.toolbar}>
        <ToggleButton
          size="small"
          appearance="subtle"
          icon={<TableRegular />}
          checked={showTable}
          onClick={() => setShowTable((value) => !value)}
        >
          表で表示
        </ToggleButton>
      </div>
      {showTable ? (
        table
      ) : (
        <div className={styles.chart}>
          <LazyChart fallback={table}>{chart}</LazyChart>
        </div>
      )}
    </div>
  );
};
