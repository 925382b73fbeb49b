import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import type { Session } from '../auth/session-context';
import { prefetchApiQuery } from '../hooks/useApiQuery';
import { dashboardQuery } from '../pages/dashboard-query';
import { AppShell, preloadAppHeader } from './AppShell';
import { LoadingState } from '../components/StateViews';
import { RouteError } from './RouteError';

/** Each page's chunk, fetched when its route is first visited (or earlier, see `preloadPageOf`). */
const pages = {
  dashboard: () => import('../pages/DashboardPage').then((m) => ({ Component: m.DashboardPage })),
  proposals: () => import('../pages/ProposalsPage').then((m) => ({ Component: m.ProposalsPage })),
  projects: () => import('../pages/ProjectsPage').then((m) => ({ Component: m.ProjectsPage })),
  my: () => import('../pages/MyProposalsPage').then((m) => ({ Component: m.MyProposalsPage })),
  roles: () => import('../pages/RoleAdminPage').then((m) => ({ Component: m.RoleAdminPage })),
  'master-data': () => import('../pages/MasterDataPage').then((m) => ({ Component: m.MasterDataPage })),
  org: () => import('../pages/OrgPage').then((m) => ({ Component: m.OrgPage })),
  staff: () => import('../pages/StaffPage').then((m) => ({ Component: m.StaffPage })),
  config: () => import('../pages/ChannelConfigPage').then((m) => ({ Component: m.ChannelConfigPage })),
  'comment-reports': () =>
    import('../pages/CommentReportsPage').then((m) => ({ Component: m.CommentReportsPage })),
  collection: () => import('../pages/CollectionPage').then((m) => ({ Component: m.CollectionPage })),
};

/**
 * The tab's pages, each a lazy chunk (only the shell and the page shown are loaded). Static tabs in
 * Teams point at these paths; bot cards deep-link to `proposals/<id>`. The dashboard's loader asks
 * for its figures while the page's chunk loads (the page takes that answer, see useApiQuery).
 */
const tabRoutes = (session: Session): RouteObject[] => [
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      {
        path: 'dashboard',
        loader: ({ request }) => {
          const { key, load } = dashboardQuery(new URL(request.url).searchParams);
          prefetchApiQuery(session.api, key, load);
          return null;
        },
        lazy: pages.dashboard,
      },
      { path: 'proposals', lazy: pages.proposals },
      { path: 'proposals/:proposalId', lazy: pages.proposals },
      { path: 'projects', lazy: pages.projects },
      { path: 'projects/:projectId', lazy: pages.projects },
      { path: 'my', lazy: pages.my },
      { path: 'roles', lazy: pages.roles },
      { path: 'master-data', lazy: pages['master-data'] },
      { path: 'org', lazy: pages.org },
      { path: 'staff', lazy: pages.staff },
      { path: 'config', lazy: pages.config },
      { path: 'comment-reports', lazy: pages['comment-reports'] },
      { path: 'collection', lazy: pages.collection },
      { path: 'collection/:fiscalYear', lazy: pages.collection },
      { path: '*', lazy: () => import('../pages/NotFoundPage').then((m) => ({ Component: m.NotFoundPage })) },
    ],
  },
];

/**
 * Starts fetching the chunk of the page a URL opens (`/tab/dashboard` → the dashboard's), while the
 * user is still being signed in; the router finds it loaded, or on its way, when it needs it.
 */
export const preloadPageOf = (pathname: string): void => {
  const name = /^\/tab\/?([a-z-]*)/.exec(pathname)?.[1] || 'dashboard';
  if (Object.hasOwn(pages, name)) void pages[name as keyof typeof pages]().catch(() => undefined);
};

/**
 * A bot card's deep link opens the 提案一覧 static tab with the proposal id as `subPageId`; Teams loads
 * the tab's own URL (`/tab/proposals`), so the proposal's path is put in place once, before the router
 * reads the location. Navigating inside the tab later is left alone.
 */
const openDeepLinkedProposal = (subPageId: string | undefined) => {
  if (!subPageId) return;
  const { pathname, search } = window.location;
  if (!/^\/tab(\/proposals)?\/?$/.test(pathname)) return;
  window.history.replaceState(null, '', `/tab/proposals/${encodeURIComponent(subPageId)}${search}`);
};

export const createTabRouter = (session: Session) => {
  openDeepLinkedProposal(session.teams?.subPageId);
  if (!session.teams) preloadAppHeader();
  return createBrowserRouter(tabRoutes(session), { basename: '/tab' });
};
