import { Field, MessageBar, MessageBarBody, SearchBox, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import {
  roleLabels,
  type AdminUserDto,
  type AdminUserPageDto,
  type AssignableRole,
  type UserRolesUpdateResultDto,
} from '#shared/role-admin';
import { listAdminUsers } from '../api/role-admin';
import { useSession } from '../auth/session-context';
import { ProposalPagination } from '../components/proposals/ProposalPagination';
import { pageSizes, type PageSize } from '../components/proposals/proposal-list-query';
import { roleChangeSummary } from '../components/role-admin/role-format';
import { useLiaisonDialog } from '../components/role-admin/LiaisonDivisionsDialog';
import { RoleChangeDialog } from '../components/role-admin/RoleChangeDialog';
import { RoleChangeHistory } from '../components/role-admin/RoleChangeHistory';
import { UserRoleTable } from '../components/role-admin/UserRoleTable';
import { useAdminPageStyles } from '../components/admin-page-styles';
import { EmptyState, ErrorState, LoadingState } from '../components/StateViews';
import { useDivisionName } from '../hooks/useReferenceData';
import { useApiQuery, type ApiQuery } from '../hooks/useApiQuery';
import { useSettled } from '../hooks/useSettled';

type RoleFilter = AssignableRole | '';

const intro =
  'すべての職員は「職員」として提案やスタンプを使えます。推進室の権限があると提案の整理・回答などができ、' +
  '管理者はそれに加えてこの画面で権限を管理できます。ここで割り当てた権限は次の操作からすぐに有効になります。' +
  'Entra（アプリロールまたはグループ）で付与された権限は「（Entra）」と表示され、この画面では外せません。' +
  'Entra のグループによる所管課担当も「所管課担当（Entra）」と表示され、同じくこの画面では外せません。';

const UserFilters = ({
  term,
  role,
  onTerm,
  onRole,
}: {
  term: string;
  role: RoleFilter;
  onTerm(term: string): void;
  onRole(role: RoleFilter): void;
}) => {
  const styles = useAdminPageStyles();
  return (
    <div className={styles.filters}>
      <Field label="名前またはメールアドレスで検索" className={styles.search}>
        <SearchBox value={term} onChange={(_event, data) => onTerm(data.value)} />
      </Field>
      <Field label="権限">
        <Select value={role} onChange={(_event, data) => onRole(data.value as RoleFilter)}>
          <option value="">すべての人</option>
          <option value="office">{roleLabels.office}の権限がある人</option>
          <option value="admin">{roleLabels.admin}の権限がある人</option>
        </Select>
      </Field>
    </div>
  );
};

/** The page of people found, with their roles and 変更, or why there is nothing to show. */
const UserList = ({
  users,
  searched,
  currentUserId,
  page,
  pageSize,
  onPage,
  onPageSize,
  onEdit,
  onEditLiaison,
}: {
  users: ApiQuery<AdminUserPageDto>;
  searched: boolean;
  currentUserId: string;
  page: number;
  pageSize: PageSize;
  onPage(page: number): void;
  onPageSize(pageSize: PageSize): void;
  onEdit(user: AdminUserDto): void;
  onEditLiaison(user: AdminUserDto): void;
}) => {
  const divisionName = useDivisionName();
  if (users.error !== undefined && !users.data)
    return <ErrorState error={users.error} onRetry={users.reload} />;
  if (!users.data) return <LoadingState />;
  if (users.data.total === 0)
    return (
      <EmptyState title="該当する人はいません">
        {searched ? '名前やメールアドレスの一部で検索できます。' : 'まだ利用者がいません。'}
      </EmptyState>
    );
  return (
    <>
      <UserRoleTable
        users={users.data.items}
        currentUserId={currentUserId}
        divisionName={divisionName}
        onEdit={onEdit}
        onEditLiaison={onEditLiaison}
      />
      <ProposalPagination
        total={users.data.total}
        page={page}
        pageSize={pageSize}
        shown={users.data.items.length}
        onPage={onPage}
        onPageSize={onPageSize}
      />
    </>
  );
};

const HistorySection = ({ reloadKey }: { reloadKey: number }) => {
  const styles = useAdminPageStyles();
  return (
    <section className={styles.section} aria-labelledby="role-admin-history">
      <h2 id="role-admin-history" className={styles.subheading}>
        権限の変更履歴
      </h2>
      <Text className={styles.intro}>
        権限の変更はすべて、変更した人と日時とともに記録されます。記録は変更も削除もできません。
      </Text>
      <RoleChangeHistory reloadKey={reloadKey} />
    </section>
  );
};

/** The last change's confirmation. */
const DoneMessage = ({ text }: { text: string | undefined }) =>
  text ? (
    <MessageBar intent="success" role="status">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  ) : null;

/** What the change dialog reports back, in Japanese. */
const doneMessage = (before: AdminUserDto, result: UserRolesUpdateResultDto): string =>
  result.changed
    ? `${result.user.displayName}さんの権限を変更しました（${roleChangeSummary(before.databaseRoles, result.user.databaseRoles).join('、')}）。`
    : `${result.user.displayName}さんの権限はすでにその内容です。`;

/** The page for an admin: people and their roles (searched, filtered, paged), the dialog, the history. */
const RoleAdmin = ({ me }: { me: { id: string } }) => {
  const styles = useAdminPageStyles();
  const [term, setTerm] = useState('');
  const [role, setRole] = useState<RoleFilter>('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<PageSize>(pageSizes[0]);
  const [editing, setEditing] = useState<AdminUserDto>();
  // Kept after closing, so the dialog stays mounted and closes the way Fluent expects (focus, aria-hidden).
  const [dialogUser, setDialogUser] = useState<AdminUserDto>();
  const [done, setDone] = useState<string>();
  const [historyKey, setHistoryKey] = useState(0);
  const q = useSettled(term.trim());
  const query = { q, role, page, pageSize };
  const users = useApiQuery(['admin-users', query], (api, signal) => listAdminUsers(api, query, signal));
  const liaison = useLiaisonDialog((message) => {
    setDone(message);
    users.reload();
  });

  const changed = (result?: UserRolesUpdateResultDto) => {
    if (result && editing) setDone(doneMessage(editing, result));
    setEditing(undefined);
    users.reload();
    setHistoryKey((key) => key + 1);
  };

  return (
    <div className={styles.page}>
      <h1 className={styles.heading}>権限管理</h1>
      <p className={styles.intro}>{intro}</p>
      <section className={styles.section} aria-labelledby="role-admin-users">
        <h2 id="role-admin-users" className={styles.subheading}>
          利用者
        </h2>
        <UserFilters
          term={term}
          role={role}
          onTerm={(value) => {
            setTerm(value);
            setPage(1);
          }}
          onRole={(value) => {
            setRole(value);
            setPage(1);
          }}
        />
        <DoneMessage text={done} />
        <UserList
          users={users}
          searched={q !== ''}
          currentUserId={me.id}
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
            setDialogUser(user);
          }}
          onEditLiaison={(user) => {
            setDone(undefined);
            liaison.open(user);
          }}
        />
      </section>
      <HistorySection reloadKey={historyKey} />
      {liaison.element}
      {dialogUser && (
        <RoleChangeDialog
          open={editing !== undefined}
          user={dialogUser}
          isSelf={dialogUser.id === me.id}
          onClose={() => setEditing(undefined)}
          onDone={changed}
        />
      )}
    </div>
  );
};

/**
 * 権限管理 (admins only; the server refuses everyone else anyway): find people, see their roles and
 * where each comes from, change the roles assigned here with a confirmation, and read the history of
 * every change.
 */
export const RoleAdminPage = () => {
  const styles = useAdminPageStyles();
  const { user: me } = useSession();
  if (me.roles.includes('admin')) return <RoleAdmin me={me} />;
  return (
    <>
      <h1 className={styles.heading}>権限管理</h1>
      <EmptyState title="このページは管理者だけが使えます">
        推進室や管理者の権限が必要な場合は、管理者に依頼してください。
      </EmptyState>
    </>
  );
};
