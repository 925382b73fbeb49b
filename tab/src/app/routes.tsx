import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import type { Session } from '../auth/session-context';
import { AppShell, preloadAppHeader } from './AppShell';
import { LoadingState } from '../components/StateViews';
import { RouteError } from './RouteError';

/**
 * The tab's pages, each a lazy chunk (only the shell and the page shown are loaded). Static tabs in
 * Teams point at these paths; bot cards deep-link to `proposals/<id>`.
 */
export const tabRoutes: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      {
        path: 'dashboard',
        lazy: () => import('../pages/DashboardPage').then((m) => ({ Component: m.DashboardPage })),
      },
      {
        path: 'proposals',
        lazy: () => import('../pages/ProposalsPage').then((m) => ({ Component: m.ProposalsPage })),
      },
      {
        path: 'proposals/:proposalId',
        lazy: () => import('../pages/ProposalsPage').then((m) => ({ Component: m.ProposalsPage })),
      },
      {
        path: 'projects',
        lazy: () => import('../pages/ProjectsPage').then((m) => ({ Component: m.ProjectsPage })),
      },
      {
        path: 'projects/:projectId',
        lazy: () => import('../pages/ProjectsPage').then((m) => ({ Component: m.ProjectsPage })),
      },
      {
        path: 'my',
        lazy: () => import('../pages/MyProposalsPage').then((m) => ({ Component: m.MyProposalsPage })),
      },
      {
        path: 'roles',
        lazy: () => import('../pages/RoleAdminPage').then((m) => ({ Component: m.RoleAdminPage })),
      },
      {
        path: 'config',
        lazy: () => import('../pages/ChannelConfigPage').then((m) => ({ Component: m.ChannelConfigPage })),
      },
      { path: '*', lazy: () => import('../pages/NotFoundPage').then((m) => ({ Component: m.NotFoundPage })) },
    ],
  },
];

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
  return createBrowserRouter(tabRoutes, { basename: '/tab' });
};
