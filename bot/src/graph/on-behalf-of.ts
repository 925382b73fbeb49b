import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { AppError } from '#shared';
import type { OnBehalfOfDirectory } from '../services/identity/teams-contact';
import {
  createConfidentialClient,
  createGraphClient,
  graphScope,
  type GraphConnection,
} from './graph-transport';

/** How long Entra ID and Graph may take together before the caller goes on without them. */
const defaultTimeoutMs = 5_000;

/**
 * Entra ID asks for the user's (or an admin's) consent: AADSTS65001 `invalid_grant`, which MSAL
 * raises as InteractionRequiredAuthError when the answer carries `suberror: consent_required` and as
 * a plain ServerError when it does not. Other interaction demands (MFA, sign-in again) are settled
 * by the same interactive popup, so they count too.
 */
export const isConsentRequired = (error: unknown): boolean => {
  if (error instanceof InteractionRequiredAuthError) return true;
  if (!(error instanceof ServerError)) return false;
  return (
    error.subError === 'consent_required' ||
    (error.errorCode === 'invalid_grant' &&
      (String(error.errorNo) === '65001' || /AADSTS65001\b/.test(error.errorMessage)))
  );
};

const withTimeout =
  (fetchImpl: typeof fetch, timeoutMs: number): typeof fetch =>
  (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetchImpl(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
    });
  };

/**
 * Microsoft Graph as the signed-in user: the tab's SSO token is exchanged for a Graph token with the
 * on-behalf-of flow (delegated permission User.Read, the same app registration as the bot and its
 * credential). The only module that knows MSAL's on-behalf-of and its errors.
 */
export const createOnBehalfOfDirectory = (
  connection: GraphConnection,
  options: { timeoutMs?: number } = {},
): OnBehalfOfDirectory => {
  const timed = {
    ...connection,
    fetch: withTimeout(connection.fetch ?? fetch, options.timeoutMs ?? defaultTimeoutMs),
  };

  const graphTokenFor = async (userToken: string): Promise<string> => {
    // A client per exchange: MSAL's in-memory cache would otherwise keep every user's tokens for the
    // life of the process, and this runs at most about once a week per user.
    const msal = createConfidentialClient(timed);
    try {
      const result = await msal.acquireTokenOnBehalfOf({
        oboAssertion: userToken,
        scopes: [graphScope(timed, 'User.Read')],
      });
      if (!result?.accessToken) throw new Error('On-behalf-of token not issued');
      return result.accessToken;
    } catch (error) {
      if (isConsentRequired(error)) {
        const { errorCode, subError } = error as ServerError;
        throw new AppError('CONSENT_REQUIRED', {
          message: `On-behalf-of token needs the user's consent (${[errorCode, subError].filter(Boolean).join('/')})`,
          cause: error,
        });
      }
      throw error;
    }
  };

  return {
    async getMyDepartment(userToken) {
      const accessToken = await graphTokenFor(userToken);
      const me = (await createGraphClient(timed, async () => accessToken, { retry: false })
        .api('/me')
        .select('department')
        .get()) as { department?: string | null };
      return me.department ?? null;
    },
  };
};
