import type { ProposalCategory } from '#shared/proposal';
import { proposalListSortKeys, type ProposalListSortKey } from '#shared/proposal-api';
import { proposalQueueKeys, type ProposalQueueKey } from '#shared/proposal-queues';
import { proposalStatuses, type ProposalStatus } from '#shared/proposal-status';
import { splitCommaList } from '#shared/text';

/**
 * The proposal list's filter, sort and page, kept in the URL query (same names as the API's query, so
 * a copied link, a reload or the back button shows the same list). Parsing is forgiving: a value the
 * tab does not know is dropped rather than sent to the server.
 */
export const pageSizes = [20, 50, 100] as const;
export type PageSize = (typeof pageSizes)[number];
export type SortDirection = 'asc' | 'desc';

export interface ProposalListState {
  q: string;
  status: ProposalStatus[];
  category: ProposalCategory | undefined;
  fiscalYear: number | undefined;
  /** The year was not in the URL: the page's default year (the latest with data) stands in. */
  yearDefaulted?: boolean;
  /** `fiscalYear=all`: every year, chosen on purpose (so no default year applies). */
  allYears?: boolean;
  proposerDivisionId: string | undefined;
  responsibleDivisionId: string | undefined;
  priorityProjectId: string | undefined;
  /** A work queue of the office (a saved view, filtered on the server). */
  queue: ProposalQueueKey | undefined;
  /** Absent: newest first, or by relevance while searching. */
  sort: ProposalListSortKey | undefined;
  direction: SortDirection | undefined;
  page: number;
  pageSize: PageSize;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

const positiveInt = (value: string | null): number | undefined =>
  value && /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : undefined;

const text = (value: string | null): string | undefined => value?.trim() || undefined;

/** The URL's year: a year, `all`, or absent (the default year, when the page has one). */
const yearOf = (value: string | null, defaultFiscalYear: number | undefined) =>
  value === 'all'
    ? { fiscalYear: undefined, allYears: true }
    : /^\d{4}$/.test(value ?? '')
      ? { fiscalYear: Number(value) }
      : defaultFiscalYear === undefined
        ? { fiscalYear: undefined }
        : { fiscalYear: defaultFiscalYear, yearDefaulted: true };

export const parseListState = (params: URLSearchParams, defaultFiscalYear?: number): ProposalListState => ({
  q: params.get('q') ?? '',
  status: splitCommaList(params.getAll('status')).filter((value): value is ProposalStatus =>
    proposalStatuses.includes(value as ProposalStatus),
  ),
  // A code's shape only: the list of categories is the office's data (the server checks the rest).
  category: /^[a-z0-9][a-z0-9_-]{0,31}$/.test(params.get('category') ?? '')
    ? params.get('category')!
    : undefined,
  ...yearOf(params.get('fiscalYear'), defaultFiscalYear),
  proposerDivisionId: text(params.get('proposerDivisionId')),
  responsibleDivisionId: text(params.get('responsibleDivisionId')),
  priorityProjectId: text(params.get('priorityProjectId')),
  queue: oneOf(proposalQueueKeys, params.get('queue')),
  sort: oneOf(proposalListSortKeys, params.get('sort')),
  direction: oneOf(['asc', 'desc'] as const, params.get('direction')),
  page: positiveInt(params.get('page')) ?? 1,
  pageSize: (pageSizes as readonly number[]).includes(Number(params.get('pageSize')))
    ? (Number(params.get('pageSize')) as PageSize)
    : pageSizes[0],
});

/** The URL query of a state; defaults are left out so links stay short. */
export const listStateToParams = (state: ProposalListState): URLSearchParams => {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.status.length > 0) params.set('status', state.status.join(','));
  if (state.category) params.set('category', state.category);
  if (state.yearDefaulted) {
    // Left out: the link keeps opening on the latest year with data.
  } else if (state.fiscalYear !== undefined) params.set('fiscalYear', String(state.fiscalYear));
  else if (state.allYears) params.set('fiscalYear', 'all');
  if (state.proposerDivisionId) params.set('proposerDivisionId', state.proposerDivisionId);
  if (state.responsibleDivisionId) params.set('responsibleDivisionId', state.responsibleDivisionId);
  if (state.priorityProjectId) params.set('priorityProjectId', state.priorityProjectId);
  if (state.queue) params.set('queue', state.queue);
  if (state.sort) params.set('sort', state.sort);
  if (state.sort && state.direction) params.set('direction', state.direction);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== pageSizes[0]) params.set('pageSize', String(state.pageSize));
  return params;
};

/** The order actually asked for: explicit, else relevance while searching, else newest first. */
export const effectiveSort = (
  state: Pick<ProposalListState, 'q' | 'sort' | 'direction'>,
): { sort: ProposalListSortKey; direction: SortDirection } =>
  state.sort
    ? { sort: state.sort, direction: state.direction ?? 'asc' }
    : state.q.trim()
      ? { sort: 'relevance', direction: 'desc' }
      : { sort: 'submittedAt', direction: 'desc' };

/** The filter part (what the CSV export takes). */
export const filterQueryOf = (state: ProposalListState): Record<string, string | string[] | undefined> => ({
  q: state.q.trim() || undefined,
  status: state.status.length > 0 ? state.status : undefined,
  category: state.category,
  fiscalYear: state.fiscalYear === undefined ? undefined : String(state.fiscalYear),
  proposerDivisionId: state.proposerDivisionId,
  responsibleDivisionId: state.responsibleDivisionId,
  priorityProjectId: state.priorityProjectId,
  queue: state.queue,
});

/** `GET /api/proposals` query: filter, order and one page (never everything). */
export const listQueryOf = (state: ProposalListState) => ({
  ...filterQueryOf(state),
  ...effectiveSort(state),
  page: state.page,
  pageSize: state.pageSize,
});

/** The filters the user set (not the default year), for 「条件をクリア」 and the count on 絞り込み. */
export const chosenFilters = (state: ProposalListState): string[] =>
  Object.entries(filterQueryOf(state))
    .filter(([key, value]) => value !== undefined && !(key === 'fiscalYear' && state.yearDefaulted))
    .map(([key]) => key);

/** Whether any filter (not sort or page) is set: the empty state then suggests clearing them. */
export const hasFilter = (state: ProposalListState): boolean => chosenFilters(state).length > 0;

/** A change of the filters: choosing a year (or すべて) replaces the default year. */
export const patchedState = (
  state: ProposalListState,
  patch: Partial<ProposalListState>,
): ProposalListState =>
  'fiscalYear' in patch
    ? { ...state, ...patch, yearDefaulted: false, allYears: patch.fiscalYear === undefined }
    : { ...state, ...patch };
