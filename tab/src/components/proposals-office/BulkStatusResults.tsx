import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle16Filled, ErrorCircle16Filled } from '@fluentui/react-icons';
import type { BulkResultRow } from './useBulkStatusChange';

const useStyles = makeStyles({
  results: { maxHeight: '50vh', overflowY: 'auto' },
  number: { display: 'block', fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3 },
  result: { width: '50%' },
  outcome: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0, marginTop: '2px' },
  failed: { color: tokens.colorPaletteRedForeground1, flexShrink: 0, marginTop: '2px' },
});

/** The bulk change's outcome: how many changed, and per proposal what happened (or why not). */
export const BulkStatusResults = ({ rows }: { rows: BulkResultRow[] }) => {
  const styles = useStyles();
  const succeeded = rows.filter((row) => row.ok).length;
  const failed = rows.length - succeeded;
  return (
    <>
      <MessageBar intent={failed === 0 ? 'success' : succeeded === 0 ? 'error' : 'warning'} role="status">
        <MessageBarBody>
          {succeeded}件を変更しました。
          {failed > 0 && `${failed}件は変更できませんでした（理由は下の表のとおりです）。`}
        </MessageBarBody>
      </MessageBar>
      <div className={styles.results}>
        <Table aria-label="一括変更の結果" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>提案</TableHeaderCell>
              <TableHeaderCell className={styles.result}>結果</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id}>
                <TableCell>
                  <span className={styles.number}>{row.number}</span>
                  {row.title}
                </TableCell>
                <TableCell>
                  <span className={styles.outcome}>
                    {row.ok ? (
                      <CheckmarkCircle16Filled className={styles.ok} aria-hidden />
                    ) : (
                      <ErrorCircle16Filled className={styles.failed} aria-hidden />
                    )}
                    {row.ok ? row.message : `変更できませんでした: ${row.message}`}
                  </span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
};
