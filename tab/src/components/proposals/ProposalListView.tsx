import { makeStyles, mergeClasses, ProgressBar, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalPageDto } from '#shared/tab-api';
import type { ApiQuery } from '../../hooks/useApiQuery';
import { ErrorState, LoadingState } from '../StateViews';
import {
  effectiveSort,
  type PageSize,
  type ProposalListState,
  type SortDirection,
} from './proposal-list-query';
import { ProposalPagination } from './ProposalPagination';
import { ProposalTable, type ProposalColumnId, type RowSelection } from './ProposalTable';
import type { ProposalListSortKey } from '#shared/proposal-api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  scroller: { overflowX: 'auto' },
  progress: { visibility: 'hidden' },
  progressShown: { visibility: 'visible' },
  split: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  splitOpen: {
    '@media (min-width: 1024px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(380px, 38%)' },
  },
  listColumn: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  hiddenWhenNarrow: { '@media (max-width: 1023px)': { display: 'none' } },
  detailColumn: {
    minWidth: 0,
    '@media (min-width: 1024px)': {
      position: 'sticky',
      top: tokens.spacingVerticalM,
      maxHeight: `calc(100vh - ${tokens.spacingVerticalXXL})`,
      overflowY: 'auto',
    },
  },
});

/**
 * The list beside its detail: on wide screens the detail panel sits to the right of the list (which
 * stays usable); on narrow ones it takes the whole width and the list waits behind 「一覧に戻る」.
 */
export const ProposalSplitLayout = ({ detail, children }: { detail: ReactNode; children: ReactNode }) => {
  const styles = useStyles();
  const open = Boolean(detail);
  return (
    <div className={mergeClasses(styles.split, open && styles.splitOpen)}>
      <div className={mergeClasses(styles.listColumn, open && styles.hiddenWhenNarrow)}>{children}</div>
      {open && <div className={styles.detailColumn}>{detail}</div>}
    </div>
  );
};

/**
 * One page of proposals from the server with its states: loading, failure (with retry), nothing
 * found (`empty`), a page past the end, and the table with its pagination. The previous page stays
 * shown while the next loads, under a progress bar.
 */
export const ProposalListView = ({
  label,
  query,
  state,
  columnIds,
  currentId,
  selection,
  empty,
  onOpen,
  onChange,
}: {
  label: string;
  query: ApiQuery<ProposalPageDto>;
  state: ProposalListState;
  columnIds: ProposalColumnId[];
  currentId: string | undefined;
  selection?: RowSelection | undefined;
  /** What to say (and offer) when nothing matches. */
  empty: ReactNode;
  onOpen(proposal: ProposalDto): void;
  /** Sort, page or page size changed (the page keeps them in the URL). */
  onChange(patch: Partial<ProposalListState>): void;
}) => {
  const styles = useStyles();
  const { data, error, loading, reload } = query;
  if (!data) {
    return error !== undefined && !loading ? (
      <ErrorState error={error} title="提案を読み込めませんでした" onRetry={reload} />
    ) : (
      <LoadingState label="提案を読み込んでいます…" />
    );
  }
  const sort = effectiveSort(state);
  const pastTheEnd = data.items.length === 0 && data.total > 0;
  return (
    <div className={styles.root}>
      {error !== undefined && !loading && (
        <ErrorState error={error} title="最新の一覧を読み込めませんでした" onRetry={reload} />
      )}
      <ProgressBar
        aria-hidden
        className={mergeClasses(styles.progress, loading && styles.progressShown)}
        thickness="medium"
      />
      {data.items.length === 0 && !pastTheEnd ? (
        empty
      ) : (
        <>
          {data.items.length > 0 && (
            <div className={styles.scroller}>
              <ProposalTable
                label={label}
                items={data.items}
                columnIds={columnIds}
                sort={sort}
                onSort={(key: ProposalListSortKey, direction: SortDirection) =>
                  onChange({ sort: key, direction, page: 1 })
                }
                currentId={currentId}
                onOpen={onOpen}
                selection={selection}
                busy={loading}
              />
            </div>
          )}
          <ProposalPagination
            total={data.total}
            page={state.page}
            pageSize={state.pageSize}
            shown={data.items.length}
            onPage={(page) => onChange({ page })}
            onPageSize={(pageSize: PageSize) => onChange({ pageSize, page: 1 })}
          />
        </>
      )}
    </div>
  );
};
