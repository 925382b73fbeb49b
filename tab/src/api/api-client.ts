import { apiErrorFromResponse, networkError, type ApiError } from './api-error';

/**
 * The typed client of the tab API. Every call carries the bearer token of the session (Teams SSO or
 * the development sign-in). A 401 gets one retry with a fresh token; a 403 `CONSENT_REQUIRED` opens
 * the consent popup and retries once.
 */
export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export interface Download {
  blob: Blob;
  fileName: string;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, options?: RequestOptions): Promise<T>;
  put<T>(path: string, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A file from the API (CSV export). */
  download(path: string, options?: RequestOptions): Promise<Download>;
  /** Raw bytes to the API (CSV import). */
  upload<T>(path: string, file: Blob, options?: Omit<RequestOptions, 'body'>): Promise<T>;
}

export interface TokenSource {
  /** A bearer token; `fresh` asks for a new one after a 401. */
  getToken(fresh: boolean): Promise<string>;
  /** Called once when the server says consent is required; resolves when the user consented. */
  requestConsent?(): Promise<void>;
  /** Called when a fresh token is refused too (development sign-in expired). */
  onSignedOut?(): void;
}

export const toQueryString = (query: Query | undefined): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

const fileNameOf = (response: Response): string => {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? 'download';
};

export const createApiClient = (
  tokens: TokenSource,
  fetchImpl: typeof fetch = fetch.bind(globalThis),
): ApiClient => {
  const send = async (
    method: string,
    path: string,
    options: RequestOptions & { rawBody?: Blob } = {},
  ): Promise<Response> => {
    const attempt = async (freshToken: boolean): Promise<Response> => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await tokens.getToken(freshToken)}`,
        accept: 'application/json',
      };
      let body: BodyInit | undefined;
      if (options.rawBody) {
        headers['content-type'] = 'text/csv';
        body = options.rawBody;
      } else if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      try {
        return await fetchImpl(`${path}${toQueryString(options.query)}`, {
          method,
          headers,
          body,
          signal: options.signal,
          credentials: 'same-origin',
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        throw networkError();
      }
    };

    let response = await attempt(false);
    if (response.status === 401) {
      response = await attempt(true);
      if (response.status === 401) tokens.onSignedOut?.();
    }
    if (response.status === 403 && tokens.requestConsent) {
      const error = await apiErrorFromResponse(response.clone());
      if (error.code === 'CONSENT_REQUIRED') {
        // A closed or failed popup leaves the server's message (「同意が必要です」) as the error.
        await tokens.requestConsent().catch(() => {
          throw error;
        });
        response = await attempt(false);
      }
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    return response;
  };

  const json = async <T>(method: string, path: string, options?: RequestOptions): Promise<T> => {
    const response = await send(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  };

  return {
    get: (path, options) => json('GET', path, options),
    post: (path, options) => json('POST', path, options),
    patch: (path, options) => json('PATCH', path, options),
    put: (path, options) => json('PUT', path, options),
    delete: (path, options) => json('DELETE', path, options),
    download: async (path, options) => {
      const response = await send('GET', path, options);
      return { blob: await response.blob(), fileName: fileNameOf(response) };
    },
    upload: async (path, file, options) => {
      const response = await send('POST', path, { ...options, rawBody: file });
      return (await response.json()) as never;
    },
  };
};

export type { ApiError };
