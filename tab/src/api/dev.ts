import type { DemoSignInUserDto, DevSignInResultDto, ItemsDto } from '#shared/tab-api';
import { apiErrorFromResponse, networkError } from './api-error';

/**
 * The development sign-in (`/api/dev/…`, only when the server runs with AUTH_MODE=development). These
 * calls carry no token — they are how a token is obtained — so they use fetch, not the ApiClient.
 */
const sendJson = async <T>(path: string, body?: unknown): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  return (await response.json()) as T;
};

/** `GET /api/dev/users`: the demo personas one can sign in as. */
export const listDemoUsers = () => sendJson<ItemsDto<DemoSignInUserDto>>('/api/dev/users');

/** `POST /api/dev/sign-in`: a short-lived development token for one persona. */
export const devSignIn = (aadObjectId: string) =>
  sendJson<DevSignInResultDto>('/api/dev/sign-in', { aadObjectId });
