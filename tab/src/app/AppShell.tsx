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
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { isOffice, useSession } from '../auth/session-context';
import { LoadingState } from '../components/StateViews';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { marginRight: 'auto' },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  main: {
    padding: tokens.spacingHorizontalL,
    maxWidth: '1400px',
    marginLeft: 'auto',
    marginRight: 'auto',
  },
});

export const navigationItems = [
  { path: '/dashboard', label: 'ダッシュボード' },
  { path: '/proposals', label: '提案一覧' },
  { path: '/projects', label: '重点案件' },
  { path: '/my', label: 'マイ提案' },
] as const;

/**
 * The frame around every page. In Teams the static tabs are the navigation, so only the page shows;
 * in a browser (development) a header names the user and offers the same pages as tabs.
 */
export const AppShell = () => {
  const styles = useStyles();
  const { user, teams, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const current = navigationItems.find((item) => location.pathname.startsWith(item.path))?.path;

  return (
    <>
      {!teams && (
        <header className={styles.header}>
          <Text as="h1" size={500} weight="semibold" className={styles.title}>
            職員提案
          </Text>
          <nav aria-label="ページ">
            <TabList
              selectedValue={current ?? ''}
              onTabSelect={(_event, data: SelectTabData) => void navigate(String(data.value))}
            >
              {navigationItems.map((item) => (
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
      )}
      <main className={styles.main}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
};
