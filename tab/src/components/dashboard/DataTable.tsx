import {
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';

const useStyles = makeStyles({
  // Narrow screens (Teams mobile) scroll a wide table sideways instead of squeezing it.
  scroller: {
    position: 'relative',
    overflowX: 'auto',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
  // Columns sized by their content (Fluent's default is fixed, equal widths), and no wider than
  // needed: a few narrow columns spread over a wide card read badly.
  table: { tableLayout: 'auto', width: 'auto', minWidth: 'min(100%, 320px)' },
  caption: {
    textAlign: 'start',
    paddingBottom: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  // Named for screen readers only, where a heading right above already says the same.
  captionHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  numeric: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  header: { whiteSpace: 'nowrap' },
  headerNumeric: { justifyContent: 'flex-end', textAlign: 'end' },
  label: { minWidth: '8em' },
  total: { fontWeight: tokens.fontWeightSemibold },
});

export interface DataColumn {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface DataRow {
  key: string;
  cells: ReactNode[];
  /** The 合計 row, set apart. */
  isTotal?: boolean;
}

/** A captioned data table (the accessible form of every chart), scrollable on narrow screens. */
export const DataTable = ({
  caption,
  captionHidden = false,
  columns,
  rows,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: DataColumn[];
  rows: DataRow[];
}) => {
  const styles = useStyles();
  const captionId = useId();
  return (
    <div className={styles.scroller} role="group" aria-labelledby={captionId} tabIndex={0}>
      <Table size="small" className={styles.table}>
        <caption id={captionId} className={captionHidden ? styles.captionHidden : styles.caption}>
          {caption}
        </caption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell
                key={column.key}
                scope="col"
                className={styles.header}
                button={{ className: column.numeric ? styles.headerNumeric : undefined }}
              >
                {column.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key} className={row.isTotal ? styles.total : undefined}>
              {row.cells.map((cell, index) => (
                <TableCell
                  key={columns[index]?.key ?? index}
                  className={mergeClasses(columns[index]?.numeric ? styles.numeric : styles.label)}
                >
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
