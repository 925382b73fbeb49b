import type { CurrentUserDto } from '#shared/tab-api';
import { createApiClient, type ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { getCurrentUser } from '../api/me';
import { clearDevToken, readDevToken } from '../auth/dev-token-store';
import type { TeamsHost } from '../teams/teams-host';

/** The sign-in paths the tab can take, decided once at start. */
export type BootResult =
  | { kind: 'signed-in'; api: ApiClient; user: CurrentUserDto }
  | { kind: 'dev-sign-in' }
  | { kind: 'not-in-teams' }
  | { kind: 'failed'; error: unknown };

/** Where Teams opens the consent popup (it must be on the app's own domain). */
export const consentStartUrl = (): string => `${window.location.origin}/tab/auth/start`;

export const teamsApiClient = (teams: TeamsHost): ApiClient =>
  createApiClient({
    // teams-js caches the token and renews it before it expires; a 401 is retried once anyway.
    getToken: () => teams.getAuthToken(),
    requestConsent: () => teams.authenticate(consentStartUrl()),
  });

export const devApiClient = (onSignedOut: () => void): ApiClient =>
  createApiClient({
    getToken: async () => {
      const stored = readDevToken();
      if (!stored)
        throw new ApiError(
          401,
          'UNAUTHENTICATED',
          'サインインの有効期限が切れました。もう一度サインインしてください。',
        );
      return stored.token;
    },
    onSignedOut: () => {
      clearDevToken();
      onSignedOut();
    },
  });

export const signInWith = async (api: ApiClient): Promise<BootResult> => {
  try {
    return { kind: 'signed-in', api, user: await getCurrentUser(api) };
  } catch (error) {
    return { kind: 'failed', error };
  }
};
