import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  ArrowUpload20Regular,
  Building20Regular,
  CommentMultiple20Regular,
  DismissCircle20Regular,
  Edit20Regular,
  Flag20Regular,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { fiscalYearOf } from '#shared/fiscal-year';
import type { PriorityProjectDto } from '#shared/priority-project';
import type { DivisionRefDto, ProposalDto } from '#shared/proposal';
import { listProposals, type ProposalExportQuery } from '../api/proposals';
import { isOffice, useSession } from '../auth/session-context';
import { ProposalDetailPanel } from '../components/proposals/ProposalDetailPanel';
import { DefaultedYearNotice } from '../components/DefaultedYearNotice';
import { ProposalFilters } from '../components/proposals/ProposalFilters';
import { ProposalListView, ProposalSplitLayout } from '../components/proposals/ProposalListView';
import { ProposalQueueTabs } from '../components/proposals/ProposalQueueTabs';
import {
  filterQueryOf,
  hasFilter,
  listQueryOf,
  listStateToParams,
  parseListState,
  patchedState,
  type ProposalListState,
} from '../components/proposals/proposal-list-query';
import {
  focusProposalRow,
  type ProposalColumnId,
  type RowSelection,
} from '../components/proposals/ProposalTable';
import { AnswerTemplatesDialog } from '../components/answer-templates/AnswerTemplatesDialog';
import { BulkHandlingDialog } from '../components/proposals-office/BulkHandlingDialog';
import { BulkStatusDialog } from '../components/proposals-office/BulkStatusDialog';
import { CsvExportButton } from '../components/proposals-office/CsvExportButton';
import { CsvImportDialog } from '../components/proposals-office/CsvImportDialog';
import { EmptyState } from '../components/StateViews';
import { useApiQuery } from '../hooks/useApiQuery';
import { useCategories, useDivisions, useFiscalYears, usePriorityProjects } from '../hooks/useReferenceData';

const useStyles = makeStyles({
  heading: {
    margin: `0 0 ${tokens.spacingVerticalL}`,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  selectionCount: { marginRight: tokens.spacingHorizontalS },
});

const allColumns: ProposalColumnId[] = [
  'number',
  'title',
  'status',
  'category',
  'proposerDivision',
  'responsibleDivision',
  'supportCount',
  'submittedAt',
  'updatedAt',
];
/** Beside the detail panel the list is narrower: the essentials only. */
const compactColumns: ProposalColumnId[] = ['number', 'title', 'status', 'submittedAt'];

/** The office's selection for bulk changes: id → the version seen (kept across pages). */
const useRowSelection = (items: ProposalDto[] | undefined) => {
  const [selected, setSelected] = useState<Map<string, number>>(() => new Map());
  // Newer versions seen in the list replace the remembered ones (someone changed them meanwhile).
  useEffect(() => {
    if (!items) return;
    setSelected((previous) => {
      const stale = items.filter((item) => previous.has(item.id) && previous.get(item.id) !== item.version);
      if (stale.length === 0) return previous;
      const next = new Map(previous);
      for (const item of stale) next.set(item.id, item.version);
      return next;
    });
  }, [items]);
  const selection = useMemo<RowSelection>(
    () => ({
      isSelected: (id) => selected.has(id),
      toggle: (proposal) =>
        setSelected((previous) => {
          const next = new Map(previous);
          if (next.has(proposal.id)) next.delete(proposal.id);
          else next.set(proposal.id, proposal.version);
          return next;
        }),
      toggleAll: (proposals) =>
        setSelected((previous) => {
          const next = new Map(previous);
          const all = proposals.every((proposal) => next.has(proposal.id));
          for (const proposal of proposals) {
            if (all) next.delete(proposal.id);
            else next.set(proposal.id, proposal.version);
          }
          return next;
        }),
    }),
    [selected],
  );
  const clear = useCallback(() => setSelected(new Map()), []);
  const selectedItems = useMemo(() => [...selected].map(([id, version]) => ({ id, version })), [selected]);
  return { selection, selectedItems, clear };
};

/**
 * The priority projects the filter offers. Projects belong to a year: that of the filter, else the
 * recent three (most proposals are recent).
 */
const useFilterProjects = (
  fiscalYear: number | undefined,
  currentFiscalYear: number,
): PriorityProjectDto[] => {
  const projectYears =
    fiscalYear !== undefined
      ? [fiscalYear, null, null]
      : [currentFiscalYear, currentFiscalYear - 1, currentFiscalYear - 2];
  const projectLists = [
    usePriorityProjects(projectYears[0] ?? null),
    usePriorityProjects(projectYears[1] ?? null),
    usePriorityProjects(projectYears[2] ?? null),
  ];
  // (A slot no longer asked for keeps its last answer: only lists of the years asked for count.)
  return projectLists.flatMap((list, index) =>
    list.data && list.data.fiscalYear === projectYears[index]
      ? list.data.themes.flatMap((theme) => theme.projects)
      : [],
  );
};

type OfficeDialog = 'bulk' | 'handling' | 'import' | 'templates';

/** 推進室の一括操作: the selection, the bulk status change, CSV export of the filter and CSV import. */
const OfficeToolbar = ({
  selectedCount,
  exportQuery,
  onClear,
  onOpen,
}: {
  selectedCount: number;
  exportQuery: ProposalExportQuery;
  onClear(): void;
  onOpen(dialog: OfficeDialog): void;
}) => {
  const styles = useStyles();
  const navigate = useNavigate();
  return (
    <div className={styles.toolbar} role="group" aria-label="推進室の一括操作">
      {selectedCount > 0 && (
        <>
          <Text className={styles.selectionCount} aria-live="polite">
            {selectedCount} 件を選択中
          </Text>
          <Button appearance="subtle" onClick={onClear}>
            選択を解除
          </Button>
        </>
      )}
      <Button icon={<Edit20Regular />} disabled={selectedCount === 0} onClick={() => onOpen('bulk')}>
        一括で状態を変更
      </Button>
      <Button icon={<Building20Regular />} disabled={selectedCount === 0} onClick={() => onOpen('handling')}>
        一括で所管課・期間を設定
      </Button>
      <CsvExportButton query={exportQuery} />
      <Button icon={<ArrowUpload20Regular />} onClick={() => onOpen('import')}>
        CSV取込
      </Button>
      <Button icon={<CommentMultiple20Regular />} onClick={() => onOpen('templates')}>
        定型回答の管理
      </Button>
      <Button icon={<Flag20Regular />} onClick={() => void navigate('/comment-reports')}>
        通報されたコメント
      </Button>
    </div>
  );
};

/** Nothing to list: nothing matches the filter (offer to clear it), or nothing there yet. */
const EmptyProposals = ({
  filtered,
  office,
  onClear,
}: {
  filtered: boolean;
  office: boolean;
  onClear(): void;
}) =>
  filtered ? (
    <EmptyState title="条件に合う提案はありません">
      検索語や絞り込みの条件を変えてお試しください。
      <br />
      <Button appearance="transparent" icon={<DismissCircle20Regular />} onClick={onClear}>
        条件をクリア
      </Button>
    </EmptyState>
  ) : (
    <EmptyState title={office ? '提案はまだありません' : '表示できる提案はまだありません'}>
      {office
        ? '職員がボットから提案を送ると、ここに表示されます。CSV 取込で過去の提案を登録することもできます。'
        : '公開された提案と、あなたが送った提案がここに表示されます。'}
    </EmptyState>
  );

/** The office's bulk changes (status; 所管課 and 期間) and CSV import; each refreshes the list (and the open detail). */
const OfficeDialogs = ({
  dialog,
  selectedItems,
  divisions,
  onClose,
  onBulkDone,
  onImported,
}: {
  dialog: OfficeDialog | undefined;
  selectedItems: { id: string; version: number }[];
  divisions: DivisionRefDto[];
  onClose(): void;
  onBulkDone(): void;
  onImported(): void;
}) => (
  <>
    <BulkStatusDialog open={dialog === 'bulk'} items={selectedItems} onClose={onClose} onDone={onBulkDone} />
    <BulkHandlingDialog
      open={dialog === 'handling'}
      items={selectedItems}
      divisions={divisions}
      onClose={onClose}
      onDone={onBulkDone}
    />
    <CsvImportDialog open={dialog === 'import'} onClose={onClose} onDone={onImported} />
    <AnswerTemplatesDialog open={dialog === 'templates'} onClose={onClose} />
  </>
);

/**
 * The page's state: the list query in the URL, the open proposal (`/proposals/<id>`), the list and
 * the reference data, the office's selection and dialogs, and refreshing after bulk changes.
 */
const useProposalsPage = (liaisonFirst: boolean) => {
  const { proposalId } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  // A liaison opening the list bare starts in 自分の課 (once: 「すべて」 afterwards stays all).
  const startBare = useRef(liaisonFirst && params.size === 0);
  useEffect(() => {
    if (startBare.current) setParams({ queue: 'my_division' }, { replace: true });
    startBare.current = false;
  }, [setParams]);
  const fiscalYears = useFiscalYears();
  // Without a year in the URL the list opens on the latest year with data (asked first, so the list
  // is not fetched twice); should that fail, every year is listed.
  const yearsSettled = fiscalYears.data !== undefined || fiscalYears.error !== undefined;
  const state = parseListState(params, fiscalYears.data?.defaultFiscalYear);
  const search = params.toString() ? `?${params.toString()}` : '';
  const currentFiscalYear = fiscalYears.data?.currentFiscalYear ?? fiscalYearOf(new Date());

  const listQuery = listQueryOf(state);
  const list = useApiQuery(yearsSettled ? ['proposals', listQuery] : null, (api, signal) =>
    listProposals(api, listQuery, signal),
  );
  const divisions = useDivisions();
  const categories = useCategories();
  const projects = useFilterProjects(state.fiscalYear, currentFiscalYear);
  const rows = useRowSelection(list.data?.items);
  const [dialog, setDialog] = useState<OfficeDialog>();
  const openedByUser = useRef(false);
  // Bumped after bulk changes and imports: the open detail loads again too.
  const [generation, setGeneration] = useState(0);

  return {
    proposalId,
    state,
    setState: (patch: Partial<ProposalListState>) => setParams(listStateToParams(patchedState(state, patch))),
    clearFilters: () => setParams(listStateToParams(parseListState(new URLSearchParams()))),
    currentFiscalYear,
    /** The year shown is the default one although the current year is another (it has no data). */
    defaultedYear:
      state.yearDefaulted && state.fiscalYear !== currentFiscalYear ? state.fiscalYear : undefined,
    offeredFiscalYears: fiscalYears.data?.items.map((item) => item.fiscalYear) ?? [currentFiscalYear],
    list,
    divisions: divisions.data?.items ?? [],
    categories: categories.data?.items ?? [],
    projects,
    ...rows,
    dialog,
    setDialog,
    detailKey: `${proposalId}:${generation}`,
    /** Whether the user opened the detail from the list (it then takes focus). */
    openedByUser: openedByUser.current,
    refreshAll: () => {
      setDialog(undefined);
      openedByUser.current = false;
      setGeneration((value) => value + 1);
      list.reload();
    },
    open: (proposal: ProposalDto) => {
      openedByUser.current = true;
      void navigate({ pathname: `/proposals/${proposal.id}`, search });
    },
    close: () => {
      void navigate({ pathname: '/proposals', search });
      focusProposalRow(proposalId);
    },
  };
};

/**
 * 提案一覧: the promotion office triages every proposal here; staff see what the server shows them
 * (published proposals and their own); a 所管課 liaison starts in 自分の課 and has their queues. Filter, search, sort and page live in the URL query and the
 * server does the work (one page at a time, however many proposals there are). `/proposals/<id>`
 * opens a proposal's detail beside the list (deep links from the bot's cards land there).
 */
export const ProposalsPage = () => {
  const styles = useStyles();
  const { user } = useSession();
  const office = isOffice(user);
  const liaison = user.liaisonDivisionIds.length > 0;
  const page = useProposalsPage(liaison && !office);
  const { proposalId, state, list } = page;

  return (
    <>
      <h1 className={styles.heading}>提案一覧</h1>
      <ProposalSplitLayout
        detail={
          proposalId && (
            <ProposalDetailPanel
              key={page.detailKey}
              proposalId={proposalId}
              autoFocus={page.openedByUser}
              onClose={page.close}
              onChanged={() => list.reload()}
            />
          )
        }
      >
        {(office || liaison) && (
          <ProposalQueueTabs
            selected={state.queue}
            refreshKey={list.data?.items.map((item) => `${item.id}:${item.version}`).join() ?? ''}
            onSelect={(queue) => page.setState({ page: 1, queue })}
          />
        )}
        <ProposalFilters
          state={state}
          offeredFiscalYears={page.offeredFiscalYears}
          categories={page.categories}
          divisions={page.divisions}
          projects={page.projects}
          // Filters start again at page 1; sort and page changes say which page they want.
          onChange={(patch) => page.setState({ page: 1, ...patch })}
        />
        {page.defaultedYear !== undefined && (
          <DefaultedYearNotice shown={page.defaultedYear} current={page.currentFiscalYear} what="提案" />
        )}
        {office && (
          <OfficeToolbar
            selectedCount={page.selectedItems.length}
            exportQuery={filterQueryOf(state)}
            onClear={page.clear}
            onOpen={page.setDialog}
          />
        )}
        <ProposalListView
          label="提案一覧"
          query={list}
          state={state}
          columnIds={proposalId ? compactColumns : allColumns}
          currentId={proposalId}
          selection={office ? page.selection : undefined}
          empty={<EmptyProposals filtered={hasFilter(state)} office={office} onClear={page.clearFilters} />}
          onOpen={page.open}
          onChange={page.setState}
        />
      </ProposalSplitLayout>
      {office && (
        <OfficeDialogs
          dialog={page.dialog}
          selectedItems={page.selectedItems}
          divisions={page.divisions}
          onClose={() => page.setDialog(undefined)}
          onBulkDone={() => {
            page.clear();
            page.refreshAll();
          }}
          onImported={page.refreshAll}
        />
      )}
    </>
  );
};
