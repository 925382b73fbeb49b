import {
  Badge,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ArrowDown20Regular, ArrowUp20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  // On a narrow screen the table scrolls sideways rather than breaking names one character a line.
  table: { tableLayout: 'auto', minWidth: '640px' },
  nowrap: { whiteSpace: 'nowrap' },
  order: { display: 'flex', gap: tokens.spacingHorizontalXXS, whiteSpace: 'nowrap' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  code: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
  retired: { color: tokens.colorNeutralForeground3 },
});

export interface MasterDataItem {
  code: string;
  label: string;
  isActive: boolean;
}

interface RowProps<T extends MasterDataItem> {
  item: T;
  columns: { header: string; cell(item: T): ReactNode }[];
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove(code: string, offset: -1 | 1): void;
  onEdit(item: T): void;
  onToggle(item: T): void;
}

const MasterDataRow = <T extends MasterDataItem>({
  item,
  columns,
  first,
  last,
  busy,
  onMove,
  onEdit,
  onToggle,
}: RowProps<T>) => {
  const styles = useStyles();
  return (
    <TableRow className={item.isActive ? undefined : styles.retired}>
      <TableCell>
        <div className={styles.order}>
          <Button
            size="small"
            appearance="subtle"
            icon={<ArrowUp20Regular />}
            aria-label={`「${item.label}」を上へ`}
            disabled={busy || first}
            onClick={() => onMove(item.code, -1)}
          />
          <Button
            size="small"
            appearance="subtle"
            icon={<ArrowDown20Regular />}
            aria-label={`「${item.label}」を下へ`}
            disabled={busy || last}
            onClick={() => onMove(item.code, 1)}
          />
        </div>
      </TableCell>
      <TableCell>{item.label}</TableCell>
      {columns.map((column) => (
        <TableCell key={column.header}>{column.cell(item)}</TableCell>
      ))}
      <TableCell>
        <span className={styles.code}>{item.code}</span>
      </TableCell>
      <TableCell>
        {item.isActive ? (
          <Badge appearance="tint" color="success" className={styles.nowrap}>
            使用中
          </Badge>
        ) : (
          <Badge appearance="outline" color="informative" className={styles.nowrap}>
            廃止
          </Badge>
        )}
      </TableCell>
      <TableCell>
        <div className={styles.actions}>
          <Button
            size="small"
            disabled={busy}
            onClick={() => onEdit(item)}
            aria-label={`「${item.label}」を編集`}
          >
            編集
          </Button>
          <Button
            size="small"
            disabled={busy}
            onClick={() => onToggle(item)}
            aria-label={item.isActive ? `「${item.label}」を廃止` : `「${item.label}」を再開`}
          >
            {item.isActive ? '廃止' : '再開'}
          </Button>
        </div>
      </TableCell>
    </TableRow>
  );
};

/**
 * One managed list (分類 or スタンプの種類) as a table in its order: move up or down, edit, retire or
 * bring back. Retired entries stay listed (old records keep them) and are marked 廃止.
 */
export const MasterDataTable = <T extends MasterDataItem>({
  caption,
  items,
  columns,
  busy,
  onMove,
  onEdit,
  onToggle,
}: {
  caption: string;
  items: T[];
  /** Extra columns after the name (emoji, purpose…). */
  columns: { header: string; cell(item: T): ReactNode }[];
  busy: boolean;
  onMove(code: string, offset: -1 | 1): void;
  onEdit(item: T): void;
  onToggle(item: T): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.scroller}>
      <Table aria-label={caption} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>順番</TableHeaderCell>
            <TableHeaderCell>名前</TableHeaderCell>
            {columns.map((column) => (
              <TableHeaderCell key={column.header}>{column.header}</TableHeaderCell>
            ))}
            <TableHeaderCell>コード</TableHeaderCell>
            <TableHeaderCell>状態</TableHeaderCell>
            <TableHeaderCell>操作</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item, index) => (
            <MasterDataRow
              key={item.code}
              item={item}
              columns={columns}
              first={index === 0}
              last={index === items.length - 1}
              busy={busy}
              onMove={onMove}
              onEdit={onEdit}
              onToggle={onToggle}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
};

/** The codes with one moved up or down: the order a reorder request sends. */
export const movedCodes = (items: readonly { code: string }[], code: string, offset: -1 | 1): string[] => {
  const codes = items.map((item) => item.code);
  const from = codes.indexOf(code);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= codes.length) return codes;
  [codes[from], codes[to]] = [codes[to]!, codes[from]!];
  return codes;
};
