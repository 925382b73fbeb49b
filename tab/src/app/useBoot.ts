import { useCallback, useEffect, useState } from 'react';
import { isApiError, type ApiError } from '../api/api-error';
import { readDevToken } from '../auth/dev-token-store';
import { connectToTeams, type TeamsHost, type TeamsThemeName } from '../teams/teams-host';
import { preloadAppHeader } from './AppShell';
import { devApiClient, signInWith, teamsApiClient, type BootResult } from './boot';
import { preloadPageOf } from './routes';
import type { TabConfig } from './tab-config';

/**
 * The tab's start: connects to Teams (or learns it is outside Teams), follows the Teams theme, and
 * signs in — Teams SSO, the development sign-in, or neither. `teams` is null until the connection
 * attempt has ended (undefined: not in Teams); `boot` is undefined while signing in.
 */
export const useBoot = (config: TabConfig, onTeamsTheme: (theme: TeamsThemeName) => void) => {
  const [teams, setTeams] = useState<TeamsHost | undefined | null>(null);
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
        onTeamsTheme(host.theme);
        host.onThemeChange(onTeamsTheme);
      }
      start(host);
    });
  }, [start, onTeamsTheme]);

  return { teams, boot, setBoot, start, signInDev };
};
