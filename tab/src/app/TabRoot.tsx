import { FluentProvider, RendererProvider, createDOMRenderer, type Theme } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import { SessionContext, type Session } from '../auth/session-context';
import { clearDevToken } from '../auth/dev-token-store';
import { ErrorState, LoadingState } from '../components/StateViews';
import type { TeamsHost, TeamsThemeName } from '../teams/teams-host';
import type { BootResult } from './boot';
import { createTabRouter } from './routes';
import type { TabConfig } from './tab-config';
import { useGlobalStyles, useTabStyles } from './tab-styles';
import { initialTheme, loadTheme } from './themes';
import { useBoot } from './useBoot';

// Pages no signed-in user sees (the development persona list, the hint to open Teams): lazy chunks.
const DevSignInPage = lazy(() =>
  import('../pages/DevSignInPage').then((m) => ({ default: m.DevSignInPage })),
);
const NotInTeamsPage = lazy(() =>
  import('../pages/NotInTeamsPage').then((m) => ({ default: m.NotInTeamsPage })),
);

const prefersDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

/** The theme shown: the one asked for once its chunk is in (see themes.ts), the previous one until then. */
const useLoadedTheme = (themeName: TeamsThemeName) => {
  const [theme, setTheme] = useState<{ name: TeamsThemeName; theme: Theme }>({
    name: 'default',
    theme: initialTheme,
  });
  useEffect(() => {
    let current = true;
    void loadTheme(themeName).then((loaded) => {
      if (current) setTheme({ name: themeName, theme: loaded });
    });
    return () => {
      current = false;
    };
  }, [themeName]);
  return { theme: theme.theme, shown: theme.name === themeName };
};

/** The signed-in session (outside Teams with a sign-out back to the persona list) and its router. */
const useSignedInSession = (
  boot: BootResult | undefined,
  config: TabConfig,
  teams: TeamsHost | undefined | null,
  setBoot: (boot: BootResult) => void,
) => {
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
    [boot, config, teams, setBoot],
  );
  const router = useMemo(() => (session ? createTabRouter(session) : undefined), [session]);
  return { session, router };
};

const loading = <LoadingState label="読み込んでいます…" />;

/** What the tab shows for where the start got to: loading, a sign-in page, a failure, or the app. */
const BootView = ({
  teams,
  boot,
  session,
  router,
  onDevSignedIn,
  onRetry,
}: {
  teams: TeamsHost | undefined | null;
  boot: BootResult | undefined;
  session: Session | undefined;
  router: ReturnType<typeof createTabRouter> | undefined;
  onDevSignedIn(): void;
  onRetry(): void;
}) => {
  if (teams === null || boot === undefined) return loading;
  if (boot.kind === 'dev-sign-in')
    return (
      <Suspense fallback={loading}>
        <DevSignInPage onSignedIn={onDevSignedIn} />
      </Suspense>
    );
  if (boot.kind === 'not-in-teams')
    return (
      <Suspense fallback={loading}>
        <NotInTeamsPage />
      </Suspense>
    );
  if (boot.kind === 'failed')
    return (
      <div role="main">
        <ErrorState error={boot.error} title="サインインできませんでした" onRetry={onRetry} />
      </div>
    );
  return session && router ? (
    <SessionContext.Provider value={session}>
      <RouterProvider router={router} />
    </SessionContext.Provider>
  ) : null;
};

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
  const [themeName, setThemeName] = useState<TeamsThemeName>(prefersDark() ? 'dark' : 'default');
  const { teams, boot, setBoot, start, signInDev } = useBoot(config, setThemeName);
  const theme = useLoadedTheme(themeName);

  // Teams is told once the tab shows something of its own, in Teams' theme.
  useEffect(() => {
    if (boot && teams && theme.shown) teams.notifySuccess();
  }, [boot, teams, theme.shown]);

  const { session, router } = useSignedInSession(boot, config, teams, setBoot);

  return (
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FluentProvider theme={theme.theme} lang="ja">
        <TabFrame>
          <BootView
            teams={teams}
            boot={boot}
            session={session}
            router={router}
            onDevSignedIn={signInDev}
            onRetry={() => start(teams ?? undefined)}
          />
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
