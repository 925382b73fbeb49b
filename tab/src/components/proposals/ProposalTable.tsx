import {
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  TableSelectionCell,
  Text,
  tokens,
  useArrowNavigationGroup,
} from '@fluentui/react-components';
import { ThumbLike16Regular } from '@fluentui/react-icons';
import type { KeyboardEvent, ReactNode } from 'react';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalListSortKey } from '#shared/proposal-api';
import { useSession } from '../../auth/session-context';
import { formatDate } from '../../format/date-time';
import type { SortDirection } from './proposal-list-query';
import { ProposalStatusBadge } from './ProposalStatusBadge';

const useStyles = makeStyles({
  // Div-based (noNativeElements): tabster's focus helpers inside rows would break a native table's columns.
  table: { minWidth: 0 },
  row: {
    cursor: 'pointer',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  current: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorBrandStroke1}`,
  },
  cell: { flexGrow: 1, flexShrink: 1, flexBasis: '0px', minWidth: 0, overflowWrap: 'anywhere' },
  number: {
    flexGrow: 0,
    flexShrink: 0,
    flexBasis: '6.5em',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    '@media (max-width: 600px)': { flexBasis: 'auto' },
  },
  // Narrow screens: number, status and date on one line, the title under them at full width.
  title: { flexGrow: 3, '@media (max-width: 600px)': { order: 1, flexBasis: '100%' } },
  answer: { flexGrow: 2 },
  narrowRow: {
    '@media (max-width: 600px)': {
      flexWrap: 'wrap',
      paddingTop: tokens.spacingVerticalXS,
      paddingBottom: tokens.spacingVerticalXS,
    },
  },
  status: {
    flexGrow: 0,
    flexShrink: 0,
    flexBasis: '9em',
    flexWrap: 'wrap',
    rowGap: tokens.spacingVerticalXXS,
    '@media (max-width: 600px)': { flexBasis: 'auto' },
  },
  date: {
    flexGrow: 0,
    flexShrink: 0,
    flexBasis: '8.5em',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    '@media (max-width: 600px)': { flexBasis: 'auto', marginLeft: 'auto' },
  },
  support: {
    flexGrow: 0,
    flexShrink: 0,
    flexBasis: '5em',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    '@media (max-width: 600px)': { flexBasis: 'auto' },
  },
  supportCount: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  wide: { '@media (max-width: 720px)': { display: 'none' } },
  unpublished: {
    color: tokens.colorNeutralForeground3,
    marginLeft: tokens.spacingHorizontalXS,
    // No room on a phone: the detail says it.
    '@media (max-width: 600px)': { display: 'none' },
  },
  coProposed: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalXS },
});

export type ProposalColumnId =
  | 'number'
  | 'title'
  | 'status'
  | 'category'
  | 'proposerDivision'
  | 'responsibleDivision'
  | 'answer'
  | 'submittedAt'
  | 'updatedAt'
  | 'supportCount';

interface Column {
  label: string;
  sortKey?: ProposalListSortKey;
  /** The first click's direction: newest first for dates. */
  firstDirection?: SortDirection;
  /** Left out on narrow screens (the title, number and status always stay). */
  optional?: boolean;
  className?: 'number' | 'title' | 'status' | 'date' | 'answer' | 'support';
  render(proposal: ProposalDto): ReactNode;
}

/** The title, marked 共同提案 when the signed-in user is a co-proposer of it. */
const ProposalTitle = ({ proposal }: { proposal: ProposalDto }) => {
  const styles = useStyles();
  const { user } = useSession();
  const coProposed =
    proposal.proposer?.id !== user.id && proposal.coProposers.some((person) => person.id === user.id);
  return (
    <>
      {proposal.title}
      {coProposed && (
        <Text size={200} className={styles.coProposed}>
          共同提案
        </Text>
      )}
    </>
  );
};

/** 賛同数 with a thumb (an icon, not an emoji: every client's fonts draw it). */
const SupportCount = ({ count }: { count: number }) => {
  const styles = useStyles();
  return (
    <span className={styles.supportCount} aria-label={`賛同 ${count}人`}>
      <ThumbLike16Regular aria-hidden />
      {count}
    </span>
  );
};

const answerExcerpt = (answer: string | null) =>
  answer ? (answer.length > 40 ? `${answer.slice(0, 40)}…` : answer) : '（未回答）';

const columns: Record<ProposalColumnId, Column> = {
  number: { label: '提案番号', sortKey: 'number', className: 'number', render: (p) => p.number },
  title: {
    label: '件名',
    sortKey: 'title',
    className: 'title',
    render: (p) => <ProposalTitle proposal={p} />,
  },
  status: {
    label: '状態',
    sortKey: 'status',
    className: 'status',
    render: (p) => <ProposalStatusBadge status={p.status} />,
  },
  category: { label: '分類', optional: true, render: (p) => p.categoryLabel },
  proposerDivision: {
    label: '提案者の所属',
    optional: true,
    render: (p) => p.proposerDivision?.name ?? '—',
  },
  responsibleDivision: {
    label: '所管課',
    optional: true,
    render: (p) => p.responsibleDivision?.name ?? '（未定）',
  },
  answer: { label: '回答', optional: true, className: 'answer', render: (p) => answerExcerpt(p.answer) },
  submittedAt: {
    label: '提出日',
    sortKey: 'submittedAt',
    firstDirection: 'desc',
    className: 'date',
    render: (p) => <time dateTime={p.submittedAt}>{formatDate(p.submittedAt)}</time>,
  },
  supportCount: {
    label: '賛同数',
    sortKey: 'supportCount',
    firstDirection: 'desc',
    className: 'support',
    render: (p) => (p.isPublished ? <SupportCount count={p.supportCount} /> : '—'),
  },
  updatedAt: {
    label: '更新日',
    sortKey: 'updatedAt',
    firstDirection: 'desc',
    optional: true,
    className: 'date',
    render: (p) => <time dateTime={p.updatedAt}>{formatDate(p.updatedAt)}</time>,
  },
};

export interface RowSelection {
  isSelected(id: string): boolean;
  toggle(proposal: ProposalDto): void;
  /** Selects the page's rows, or clears them when they all are. */
  toggleAll(proposals: ProposalDto[]): void;
}

/** Back to a proposal's row once its detail has closed, for keyboard users. */
export const focusProposalRow = (id: string | undefined) =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-proposal-id="${id}"]`)?.focus());

type ShownColumn = Column & { id: ProposalColumnId };
type TableSort = { sort: ProposalListSortKey; direction: SortDirection };

/** A column's cell class: its width rule, and hidden on narrow screens when optional. */
const useCellClass = () => {
  const styles = useStyles();
  return (column: Column) =>
    mergeClasses(styles.cell, column.className && styles[column.className], column.optional && styles.wide);
};

/** The sort a header click asks for: the other direction of the active column, else its first one. */
const nextSort = (column: ShownColumn, sort: TableSort, active: boolean): SortDirection =>
  active ? (sort.direction === 'asc' ? 'desc' : 'asc') : (column.firstDirection ?? 'asc');

const ProposalTableHeader = ({
  items,
  columns: shown,
  sort,
  onSort,
  selection,
}: {
  items: ProposalDto[];
  columns: ShownColumn[];
  sort: TableSort;
  onSort(sort: ProposalListSortKey, direction: SortDirection): void;
  selection: RowSelection | undefined;
}) => {
  const styles = useStyles();
  const cellClass = useCellClass();
  const selectedOnPage = selection ? items.filter((item) => selection.isSelected(item.id)).length : 0;
  return (
    <TableHeader>
      <TableRow className={styles.narrowRow}>
        {selection && (
          <TableSelectionCell
            type="checkbox"
            checked={selectedOnPage === 0 ? false : selectedOnPage === items.length ? true : 'mixed'}
            onClick={() => selection.toggleAll(items)}
            checkboxIndicator={{ 'aria-label': 'このページの提案をすべて選択' }}
          />
        )}
        {shown.map((column) => {
          const { sortKey } = column;
          const active = sortKey !== undefined && sortKey === sort.sort;
          return (
            <TableHeaderCell
              key={column.id}
              className={cellClass(column)}
              sortable={sortKey !== undefined}
              sortDirection={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              onClick={sortKey ? () => onSort(sortKey, nextSort(column, sort, active)) : undefined}
            >
              {column.label}
            </TableHeaderCell>
          );
        })}
      </TableRow>
    </TableHeader>
  );
};

/** One proposal: opened by click or Enter; with a selection, Space (or its checkbox) selects it. */
const ProposalTableRow = ({
  proposal,
  columns: shown,
  current,
  onOpen,
  selection,
}: {
  proposal: ProposalDto;
  columns: ShownColumn[];
  current: boolean;
  onOpen(proposal: ProposalDto): void;
  selection: RowSelection | undefined;
}) => {
  const styles = useStyles();
  const cellClass = useCellClass();
  const selected = selection?.isSelected(proposal.id) ?? false;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(proposal);
    } else if (event.key === ' ' && selection) {
      event.preventDefault();
      selection.toggle(proposal);
    }
  };
  return (
    <TableRow
      role="row"
      data-proposal-id={proposal.id}
      tabIndex={0}
      aria-selected={selection ? selected : undefined}
      aria-current={current ? 'true' : undefined}
      className={mergeClasses(styles.row, styles.narrowRow, current && styles.current)}
      appearance={selected ? 'brand' : 'none'}
      onClick={() => onOpen(proposal)}
      onKeyDown={onKeyDown}
    >
      {selection && (
        <TableSelectionCell
          role="gridcell"
          checked={selected}
          onClick={(event) => {
            // The checkbox selects; only the rest of the row opens the detail.
            event.stopPropagation();
            selection.toggle(proposal);
          }}
          // Out of the tab order: Space on the row selects it (a mouse clicks the box).
          checkboxIndicator={{ 'aria-label': `${proposal.number} を選択`, tabIndex: -1 }}
        />
      )}
      {shown.map((column) => (
        <TableCell key={column.id} role="gridcell" className={cellClass(column)}>
          {column.id === 'status' && !proposal.isPublished ? (
            <>
              {column.render(proposal)}
              <Text size={200} className={styles.unpublished}>
                非公開
              </Text>
            </>
          ) : (
            column.render(proposal)
          )}
        </TableCell>
      ))}
    </TableRow>
  );
};

/**
 * The proposals of one page as a grid: sortable column headers (the server sorts; `aria-sort` says
 * how), rows opened by click or Enter, arrow keys between rows, and for the office a checkbox per row
 * (Space on the row toggles it) for bulk actions.
 */
export const ProposalTable = ({
  label,
  items,
  columnIds,
  sort,
  onSort,
  currentId,
  onOpen,
  selection,
  busy,
}: {
  label: string;
  items: ProposalDto[];
  columnIds: ProposalColumnId[];
  sort: TableSort;
  onSort(sort: ProposalListSortKey, direction: SortDirection): void;
  /** The proposal whose detail is open. */
  currentId: string | undefined;
  onOpen(proposal: ProposalDto): void;
  selection?: RowSelection | undefined;
  busy: boolean;
}) => {
  const styles = useStyles();
  // Rows are one tab stop, moved between with the arrow keys (Enter opens, Space selects). Not a
  // tabster groupper per row: that would take Enter to step into the row's cells.
  const rowNavigation = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  const shown = columnIds.map((id) => ({ id, ...columns[id] }));
  return (
    <Table
      noNativeElements
      role="grid"
      aria-label={label}
      aria-busy={busy}
      aria-multiselectable={selection ? true : undefined}
      className={styles.table}
      size="small"
      sortable
    >
      <ProposalTableHeader items={items} columns={shown} sort={sort} onSort={onSort} selection={selection} />
      <TableBody {...rowNavigation}>
        {items.map((proposal) => (
          <ProposalTableRow
            key={proposal.id}
            proposal={proposal}
            columns={shown}
            current={proposal.id === currentId}
            onOpen={onOpen}
            selection={selection}
          />
        ))}
      </TableBody>
    </Table>
  );
};
