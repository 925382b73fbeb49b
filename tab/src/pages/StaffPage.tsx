import { Field, MessageBar, MessageBarBody, SearchBox, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import {
  staffDivisionFilterLabels,
  staffDivisionFilters,
  type OrgDivisionDto,
  type StaffDivisionFilter,
  type StaffPageDto,
  type StaffUserDto,
} from '#shared/organisation';
import { listOrgDivisions, listStaff } from '../api/org';
import { isOffice, useSession } from '../auth/session-context';
import { AppLink } from '../components/AppLink';
import { OrgChangeHistory } from '../components/org/OrgChangeHistory';
import { StaffTable } from '../components/org/StaffTable';
import { UserDivisionDialog } from '../components/org/UserDivisionDialog';
import { ProposalPagination } from '../components/proposals/ProposalPagination';
import { pageSizes, type PageSize } from '../components/proposals/proposal-list-query';
import { useAdminPageStyles } from '../components/admin-page-styles';
import { EmptyState, ErrorState, LoadingState } from '../components/StateViews';
import { useApiQuery, type ApiQuery } from '../hooks/useApiQuery';
import { useSettled } from '../hooks/useSettled';

interface Filters {
  term: string;
  divisionId: string;
  filter: StaffDivisionFilter | '';
}

const StaffFilters = ({
  filters,
  divisions,
  onChange,
}: {
  filters: Filters;
  divisions: OrgDivisionDto[];
  onChange(filters: Filters): void;
}) => {
  const styles = useAdminPageStyles();
  return (
    <div className={styles.filters}>
      <Field label="名前またはメールアドレスで検索" className={styles.search}>
        <SearchBox value={filters.term} onChange={(_e, data) => onChange({ ...filters, term: data.value })} />
      </Field>
      <Field label="所属">
        <Select
          value={filters.divisionId}
          onChange={(_e, data) => onChange({ ...filters, divisionId: data.value })}
        >
          <option value="">すべての所属</option>
          {divisions.map((division) => (
            <option key={division.id} value={division.id}>
              {division.name}
              {division.isActive ? '' : '（廃止）'}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="絞り込み">
        <Select
          value={filters.filter}
          onChange={(_e, data) => onChange({ ...filters, filter: data.value as Filters['filter'] })}
        >
          <option value="">すべての人</option>
          {staffDivisionFilters.map((filter) => (
            <option key={filter} value={filter}>
              {staffDivisionFilterLabels[filter]}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
};

const StaffList = ({
  staff,
  canEdit,
  page,
  pageSize,
  onPage,
  onPageSize,
  onEdit,
}: {
  staff: ApiQuery<StaffPageDto>;
  canEdit: boolean;
  page: number;
  pageSize: PageSize;
  onPage(page: number): void;
  onPageSize(pageSize: PageSize): void;
  onEdit(user: StaffUserDto): void;
}) => {
  if (staff.error !== undefined && !staff.data)
    return <ErrorState error={staff.error} onRetry={staff.reload} />;
  if (!staff.data) return <LoadingState />;
  if (staff.data.total === 0) return <EmptyState title="該当する職員はいません" />;
  return (
    <>
      <StaffTable users={staff.data.items} canEdit={canEdit} onEdit={onEdit} />
      <ProposalPagination
        total={staff.data.total}
        page={page}
        pageSize={pageSize}
        shown={staff.data.items.length}
        onPage={onPage}
        onPageSize={onPageSize}
      />
    </>
  );
};

const intro =
  '職員を検索し、所属と権限を確認できます。「所属未設定」で絞り込むと、所属を直す必要がある人の一覧になります。' +
  '管理者は発令日を指定して所属を変更できます（発令日より前の提案・スタンプはその時点の所属のまま集計されます）。';

const StaffHistory = ({
  reloadKey,
  nameOf,
}: {
  reloadKey: number;
  nameOf(id: string): string | undefined;
}) => {
  const styles = useAdminPageStyles();
  return (
    <section className={styles.section} aria-labelledby="staff-history">
      <h2 id="staff-history" className={styles.subheading}>
        所属の変更履歴
      </h2>
      <Text className={styles.intro}>変更した人・日時・発令日・変更前後の所属が記録されます。</Text>
      <OrgChangeHistory entity="user_division" reloadKey={reloadKey} nameOf={nameOf} />
    </section>
  );
};

const Staff = ({ canEdit, divisions }: { canEdit: boolean; divisions: OrgDivisionDto[] }) => {
  const styles = useAdminPageStyles();
  const [filters, setFilters] = useState<Filters>({ term: '', divisionId: '', filter: '' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<PageSize>(pageSizes[0]);
  const [editing, setEditing] = useState<StaffUserDto>();
  const [done, setDone] = useState<string>();
  const [historyKey, setHistoryKey] = useState(0);
  const q = useSettled(filters.term.trim());
  const query = { q, divisionId: filters.divisionId, filter: filters.filter, page, pageSize };
  const staff = useApiQuery(['org-staff', query], (api, signal) => listStaff(api, query, signal));
  const nameOf = (id: string) => divisions.find((division) => division.id === id)?.name;
  return (
    <div className={styles.page}>
      <h1 className={styles.heading}>職員</h1>
      <p className={styles.intro}>
        {intro}
        {canEdit && (
          <>
            {' 権限の変更は '}
            <AppLink to="/roles">権限管理</AppLink>
            {' で行います。'}
          </>
        )}
      </p>
      <section className={styles.section} aria-labelledby="staff-list">
        <h2 id="staff-list" className={styles.subheading}>
          職員の一覧
        </h2>
        <StaffFilters
          filters={filters}
          divisions={divisions}
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
        {done && (
          <MessageBar intent="success" role="status">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
        <StaffList
          staff={staff}
          canEdit={canEdit}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          onPageSize={(size) => {
            setPageSize(size);
            setPage(1);
          }}
          onEdit={(user) => {
            setDone(undefined);
            setEditing(user);
          }}
        />
      </section>
      <StaffHistory reloadKey={historyKey} nameOf={nameOf} />
      {editing && (
        <UserDivisionDialog
          user={editing}
          divisions={divisions}
          onClose={() => setEditing(undefined)}
          onDone={(result) => {
            setEditing(undefined);
            setDone(
              `${result.user.displayName}さんの所属を「${result.user.division?.name ?? ''}」に変更しました。`,
            );
            staff.reload();
            setHistoryKey((key) => key + 1);
          }}
        />
      )}
    </div>
  );
};

/** 職員 (the office views, admins correct 所属; the server refuses everyone else anyway). */
export const StaffPage = () => {
  const styles = useAdminPageStyles();
  const { user } = useSession();
  const divisions = useApiQuery(isOffice(user) ? ['org-divisions'] : null, (api, signal) =>
    listOrgDivisions(api, signal),
  );
  if (!isOffice(user))
    return (
      <>
        <h1 className={styles.heading}>職員</h1>
        <EmptyState title="このページは推進室と管理者だけが使えます" />
      </>
    );
  if (divisions.error !== undefined && !divisions.data)
    return <ErrorState error={divisions.error} onRetry={divisions.reload} />;
  if (!divisions.data) return <LoadingState />;
  return <Staff canEdit={user.roles.includes('admin')} divisions={divisions.data.items} />;
};
