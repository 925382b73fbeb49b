import {
  Badge,
  Button,
  makeStyles,
  Tab,
  TabList,
  Text,
  tokens,
  type SelectTabData,
} from '@fluentui/react-components';
import { useLocation, useNavigate } from 'react-router';
import { isOffice, useSession } from '../auth/session-context';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media print': { display: 'none' },
  },
  title: { marginRight: 'auto' },
  // On a narrow window the pages scroll sideways instead of widening the whole page.
  nav: { maxWidth: '100%', overflowX: 'auto' },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export const navigationItems = [
  { path: '/dashboard', label: 'ダッシュボード' },
  { path: '/proposals', label: '提案一覧' },
  { path: '/projects', label: '重点案件' },
  { path: '/my', label: 'マイ提案' },
] as const;

/** Pages the office and admins see in the navigation (admins change 組織・職員 there, the office looks). */
export const officeNavigationItems = [
  { path: '/org', label: '組織' },
  { path: '/staff', label: '職員' },
  { path: '/master-data', label: '分類・スタンプ' },
  { path: '/comment-reports', label: '通報' },
] as const;

/** Pages only admins see in the navigation (the server refuses everyone else anyway). */
export const adminNavigationItems = [{ path: '/roles', label: '権限管理' }] as const;

/**
 * The header of the tab in a browser (the development sign-in): the user and the same pages Teams
 * offers as static tabs. Inside Teams it is never shown, so it is a lazy chunk of its own.
 */
export const AppHeader = () => {
  const styles = useStyles();
  const { user, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = [
    ...navigationItems,
    ...(isOffice(user) ? officeNavigationItems : []),
    ...(user.roles.includes('admin') ? adminNavigationItems : []),
  ];
  const current = items.find((item) => location.pathname.startsWith(item.path))?.path;

  return (
    <header className={styles.header}>
      <Text as="h1" size={500} weight="semibold" className={styles.title}>
        職員提案
      </Text>
      <nav aria-label="ページ" className={styles.nav}>
        <TabList
          selectedValue={current ?? ''}
          onTabSelect={(_event, data: SelectTabData) => void navigate(String(data.value))}
        >
          {items.map((item) => (
            <Tab key={item.path} value={item.path}>
              {item.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <div className={styles.user}>
        <Text>{user.displayName}</Text>
        {isOffice(user) && (
          <Badge appearance="tint" color="brand">
            推進室
          </Badge>
        )}
        {signOut && (
          <Button appearance="subtle" onClick={signOut}>
            サインアウト
          </Button>
        )}
      </div>
    </header>
  );
};
