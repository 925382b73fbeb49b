import { FluentProvider, RendererProvider, createDOMRenderer, type Theme } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import { isApiError, type ApiError } from '../api/api-error';
import { SessionContext, type Session } from '../auth/session-context';
import { clearDevToken, readDevToken } from '../auth/dev-token-store';
import { ErrorState, LoadingState } from '../components/StateViews';
import { connectToTeams, type TeamsHost, type TeamsThemeName } from '../teams/teams-host';
import { devApiClient, signInWith, teamsApiClient, type BootResult } from './boot';
import { preloadAppHeader } from './AppShell';
import { createTabRouter, preloadPageOf } from './routes';
import type { TabConfig } from './tab-config';
import { useGlobalStyles, useTabStyles } from './tab-styles';
import { initialTheme, loadTheme } from './themes';

// Pages no signed-in user sees (the development persona list, the hint to open Teams): lazy chunks.
const DevSignInPage = lazy(() =>
  import('../pages/DevSignInPage').then((m) => ({ default: m.DevSignInPage })),
);
const NotInTeamsPage = lazy(() =>
  import('../pages/NotInTeamsPage').then((m) => ({ default: m.NotInTeamsPage })),
);

const prefersDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

/**
 * The tab's root: connects to Teams (or not), signs in, follows the Teams theme live, and renders the
 * router once someone is signed in. Teams is told `notifySuccess` as soon as the tab can show
 * something of its own (a page or a Japanese error), well inside its 30-second limit.
 */
export const TabRoot = ({ config, nonce }: { config: TabConfig; nonce: string | undefined }) => {
  const renderer = useMemo(
    () => createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : undefined),
    [nonce],
  );
  const [teams, setTeams] = useState<TeamsHost | undefined | null>(null);
  const [themeName, setThemeName] = useState<TeamsThemeName>(prefersDark() ? 'dark' : 'default');
  // The theme shown: the one asked for once its chunk is in (see themes.ts), the previous one until then.
  const [theme, setTheme] = useState<{ name: TeamsThemeName; theme: Theme }>({
    name: 'default',
    theme: initialTheme,
  });
  const [boot, setBoot] = useState<BootResult | undefined>();

  const signInDev = useCallback(() => {
    if (readDevToken()) {
      // Outside Teams the page comes with the browser header: both chunks load during the sign-in.
      preloadPageOf(window.location.pathname);
      preloadAppHeader();
      void signInWith(devApiClient(() => setBoot({ kind: 'dev-sign-in' }))).then((result) =>
        // A token from before a server restart is refused: back to the persona list, not an error.
        setBoot(
          isApiError(result.kind === 'failed' && result.error) &&
            (result as { error: ApiError }).error.status === 401
            ? { kind: 'dev-sign-in' }
            : result,
        ),
      );
    } else {
      setBoot({ kind: 'dev-sign-in' });
    }
  }, []);

  const start = useCallback(
    (host: TeamsHost | undefined) => {
      setBoot(undefined);
      if (host) {
        preloadPageOf(window.location.pathname);
        void signInWith(teamsApiClient(host)).then(setBoot);
      } else if (config.authMode === 'development') signInDev();
      else setBoot({ kind: 'not-in-teams' });
    },
    [config.authMode, signInDev],
  );

  useEffect(() => {
    void connectToTeams().then((host) => {
      setTeams(host);
      if (host) {
        setThemeName(host.theme);
        host.onThemeChange(setThemeName);
      }
      start(host);
    });
  }, [start]);

  useEffect(() => {
    let current = true;
    void loadTheme(themeName).then((loaded) => {
      if (current) setTheme({ name: themeName, theme: loaded });
    });
    return () => {
      current = false;
    };
  }, [themeName]);

  // Teams is told once the tab shows something of its own, in Teams' theme.
  const themeShown = theme.name === themeName;
  useEffect(() => {
    if (boot && teams && themeShown) teams.notifySuccess();
  }, [boot, teams, themeShown]);

  const session = useMemo<Session | undefined>(
    () =>
      boot?.kind === 'signed-in'
        ? {
            api: boot.api,
            user: boot.user,
            config,
            teams: teams ?? undefined,
            signOut: teams
              ? undefined
              : () => {
                  clearDevToken();
                  setBoot({ kind: 'dev-sign-in' });
                },
          }
        : undefined,
    [boot, config, teams],
  );
  const router = useMemo(() => (session ? createTabRouter(session) : undefined), [session]);

  return (
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FluentProvider theme={theme.theme} lang="ja">
        <TabFrame>
          {teams === null || boot === undefined ? (
            <LoadingState label="読み込んでいます…" />
          ) : boot.kind === 'dev-sign-in' ? (
            <Suspense fallback={<LoadingState label="読み込んでいます…" />}>
              <DevSignInPage onSignedIn={signInDev} />
            </Suspense>
          ) : boot.kind === 'not-in-teams' ? (
            <Suspense fallback={<LoadingState label="読み込んでいます…" />}>
              <NotInTeamsPage />
            </Suspense>
          ) : boot.kind === 'failed' ? (
            <div role="main">
              <ErrorState
                error={boot.error}
                title="サインインできませんでした"
                onRetry={() => start(teams)}
              />
            </div>
          ) : (
            session &&
            router && (
              <SessionContext.Provider value={session}>
                <RouterProvider router={router} />
              </SessionContext.Provider>
            )
          )}
        </TabFrame>
      </FluentProvider>
    </RendererProvider>
  );
};

const TabFrame = ({ children }: { children: React.ReactNode }) => {
  useGlobalStyles();
  const styles = useTabStyles();
  return <div className={styles.frame}>{children}</div>;
};
