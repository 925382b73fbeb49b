import { makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import { Outlet } from 'react-router';
import { useSession } from '../auth/session-context';
import { LoadingState } from '../components/StateViews';

const useStyles = makeStyles({
  main: {
    padding: tokens.spacingHorizontalL,
    maxWidth: '1400px',
    marginLeft: 'auto',
    marginRight: 'auto',
    // A printed page (the 提案集) is the page box alone.
    '@media print': { padding: 0, maxWidth: 'none' },
  },
});

const loadAppHeader = () => import('./AppHeader');
const AppHeader = lazy(() => loadAppHeader().then((m) => ({ default: m.AppHeader })));

/** Starts fetching the browser header's chunk early, alongside the first page's (outside Teams only). */
export const preloadAppHeader = () => void loadAppHeader();

/**
 * The frame around every page. In Teams the static tabs are the navigation, so only the page shows;
 * in a browser (development) a header names the user and offers the same pages as tabs.
 */
export const AppShell = () => {
  const styles = useStyles();
  const { teams } = useSession();

  return (
    <>
      {!teams && (
        <Suspense fallback={null}>
          <AppHeader />
        </Suspense>
      )}
      <main className={styles.main}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
};
