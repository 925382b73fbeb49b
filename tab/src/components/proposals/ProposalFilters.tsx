import {
  Button,
  Dropdown,
  Field,
  makeStyles,
  mergeClasses,
  Option,
  SearchBox,
  Select,
  tokens,
  useId,
} from '@fluentui/react-components';
import { DismissCircle20Regular, Filter20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { fiscalYearLabel } from '#shared/fiscal-year';
import { unsetDivisionFilter } from '#shared/proposal-api';
import type { PriorityProjectDto } from '#shared/priority-project';
import type { ProposalCategoryDto } from '#shared/master-data';
import type { DivisionRefDto } from '#shared/proposal';
import { proposalStatusLabels, proposalStatuses, type ProposalStatus } from '#shared/proposal-status';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { chosenFilters, hasFilter, type ProposalListState } from './proposal-list-query';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  search: { maxWidth: '640px' },
  searchBox: { width: '100%', maxWidth: '100%' },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  control: { minWidth: 0, width: '100%' },
  toggle: { alignSelf: 'flex-start' },
  folded: { display: 'none' },
});

export const searchDelayMs = 300;

/** Fiscal years offered: those with data and the current one (the server's list), and the one in the URL. */
const fiscalYearChoices = (offered: readonly number[], selected: number | undefined): number[] =>
  [...new Set([...offered, ...(selected === undefined ? [] : [selected])])].sort((a, b) => b - a);

/** The search text, sent once typing pauses (~300 ms) so each keystroke is not a request. */
const SearchField = ({ value, onSearch }: { value: string; onSearch(q: string): void }) => {
  const styles = useStyles();
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;
  // Back/forward or 「条件をクリア」 change the URL: the box follows.
  useEffect(() => {
    sent.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    if (text.trim() === sent.current.trim()) return;
    const timer = setTimeout(() => {
      sent.current = text;
      onSearchRef.current(text.trim());
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <Field label="検索" className={styles.search} hint="件名・提案内容・提案番号（例: R6-0001）で探せます。">
      <SearchBox
        className={styles.searchBox}
        value={text}
        placeholder="キーワードを入力"
        onChange={(_event, data) => setText(data.value)}
      />
    </Field>
  );
};

interface FilterProps {
  state: ProposalListState;
  onChange(patch: Partial<ProposalListState>): void;
}

const noFilter: Partial<ProposalListState> = {
  q: '',
  status: [],
  category: undefined,
  fiscalYear: undefined,
  proposerDivisionId: undefined,
  responsibleDivisionId: undefined,
  priorityProjectId: undefined,
};

const StatusFilter = ({ state, onChange }: FilterProps) => {
  const styles = useStyles();
  return (
    <Field label="状態">
      <Dropdown
        className={styles.control}
        multiselect
        placeholder="すべて"
        value={state.status.map((status) => proposalStatusLabels[status]).join('、')}
        selectedOptions={state.status}
        onOptionSelect={(_event, data) => onChange({ status: data.selectedOptions as ProposalStatus[] })}
      >
        {proposalStatuses.map((status) => (
          <Option key={status} value={status}>
            {proposalStatusLabels[status]}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
};

/** Every category, retired ones marked: old proposals keep them and can still be found. */
const CategoryFilter = ({
  state,
  onChange,
  categories,
}: FilterProps & { categories: ProposalCategoryDto[] }) => {
  const styles = useStyles();
  return (
    <Field label="分類">
      <Select
        className={styles.control}
        value={state.category ?? ''}
        onChange={(_event, data) => onChange({ category: data.value || undefined })}
      >
        <option value="">すべて</option>
        {state.category && !categories.some((category) => category.code === state.category) && (
          <option value={state.category}>（指定の分類）</option>
        )}
        {categories.map((category) => (
          <option key={category.code} value={category.code}>
            {category.isActive ? category.label : `${category.label}（廃止）`}
          </option>
        ))}
      </Select>
    </Field>
  );
};

const FiscalYearFilter = ({
  state,
  onChange,
  offeredFiscalYears,
}: FilterProps & { offeredFiscalYears: readonly number[] }) => {
  const styles = useStyles();
  return (
    <Field label="年度">
      <Select
        className={styles.control}
        value={state.fiscalYear === undefined ? '' : String(state.fiscalYear)}
        onChange={(_event, data) =>
          // Priority projects belong to a year: a project of another year would match nothing.
          onChange({
            fiscalYear: data.value ? Number(data.value) : undefined,
            priorityProjectId: undefined,
          })
        }
      >
        <option value="">すべて</option>
        {fiscalYearChoices(offeredFiscalYears, state.fiscalYear).map((year) => (
          <option key={year} value={year}>
            {fiscalYearLabel(year)}
          </option>
        ))}
      </Select>
    </Field>
  );
};

const ProjectFilter = ({ state, onChange, projects }: FilterProps & { projects: PriorityProjectDto[] }) => {
  const styles = useStyles();
  const selected = state.priorityProjectId;
  return (
    <Field label="重点案件">
      <Select
        className={styles.control}
        value={selected ?? ''}
        onChange={(_event, data) => onChange({ priorityProjectId: data.value || undefined })}
      >
        <option value="">すべて</option>
        {selected && !projects.some((project) => project.id === selected) && (
          <option value={selected}>（指定の重点案件）</option>
        )}
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.code} {project.title}
          </option>
        ))}
      </Select>
    </Field>
  );
};

/**
 * The list's search and filters. Every change goes to the URL (the page turns it into the query);
 * choices come from shared labels and the server's reference data.
 */
export const ProposalFilters = ({
  state,
  offeredFiscalYears,
  divisions,
  categories,
  projects,
  onChange,
}: {
  state: ProposalListState;
  /** The office's categories, retired ones included. */
  categories: ProposalCategoryDto[];
  /** Years with data and the current one, newest first. */
  offeredFiscalYears: readonly number[];
  divisions: DivisionRefDto[];
  /** The priority projects offered (those of the chosen year, or of recent years). */
  projects: PriorityProjectDto[];
  onChange(patch: Partial<ProposalListState>): void;
}) => {
  const styles = useStyles();
  // On a phone-sized screen the filters fold away behind one button, so the list is in sight.
  const narrow = useMediaQuery('(max-width: 600px)');
  const [expanded, setExpanded] = useState(false);
  const filtersId = useId('proposal-filters');
  const activeFilters = chosenFilters(state).filter((key) => key !== 'q').length;

  return (
    <div className={styles.root}>
      <SearchField value={state.q} onSearch={(q) => onChange({ q })} />
      {narrow && (
        <Button
          className={styles.toggle}
          icon={<Filter20Regular />}
          aria-expanded={expanded}
          aria-controls={filtersId}
          onClick={() => setExpanded((value) => !value)}
        >
          {activeFilters > 0 ? `絞り込み（${activeFilters}）` : '絞り込み'}
        </Button>
      )}
      <div
        id={filtersId}
        className={mergeClasses(styles.filters, narrow && !expanded && styles.folded)}
        role="group"
        aria-label="絞り込み"
      >
        <StatusFilter state={state} onChange={onChange} />
        <CategoryFilter state={state} onChange={onChange} categories={categories} />
        <FiscalYearFilter state={state} onChange={onChange} offeredFiscalYears={offeredFiscalYears} />
        <Field label="提案者の所属">
          <DivisionSelect
            value={state.proposerDivisionId}
            divisions={divisions}
            offerUnset
            onChange={(proposerDivisionId) => onChange({ proposerDivisionId })}
          />
        </Field>
        <Field label="所管課">
          <DivisionSelect
            value={state.responsibleDivisionId}
            divisions={divisions}
            onChange={(responsibleDivisionId) => onChange({ responsibleDivisionId })}
          />
        </Field>
        <ProjectFilter state={state} onChange={onChange} projects={projects} />
        {hasFilter(state) && (
          <Button icon={<DismissCircle20Regular />} onClick={() => onChange(noFilter)}>
            条件をクリア
          </Button>
        )}
      </div>
    </div>
  );
};

const DivisionSelect = ({
  value,
  divisions,
  offerUnset = false,
  onChange,
}: {
  value: string | undefined;
  divisions: DivisionRefDto[];
  /** 「所属未設定」: the office's queue of proposals submitted without a division. */
  offerUnset?: boolean;
  onChange(id: string | undefined): void;
}) => {
  const styles = useStyles();
  return (
    <Select
      className={styles.control}
      value={value ?? ''}
      onChange={(_event, data) => onChange(data.value || undefined)}
    >
      <option value="">すべて</option>
      {offerUnset && <option value={unsetDivisionFilter}>（所属未設定）</option>}
      {value && value !== unsetDivisionFilter && !divisions.some((division) => division.id === value) && (
        <option value={value}>（指定の課）</option>
      )}
      {divisions.map((division) => (
        <option key={division.id} value={division.id}>
          {division.name}
        </option>
      ))}
    </Select>
  );
};
