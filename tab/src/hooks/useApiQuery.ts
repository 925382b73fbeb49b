import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { useSession } from '../auth/session-context';

export interface ApiQuery<T> {
  data: T | undefined;
  error: unknown;
  /** True while a request is under way (the previous data stays shown, so paging does not flash). */
  loading: boolean;
  reload(): void;
}

type Load<T> = (api: ApiClient, signal: AbortSignal) => Promise<T>;

/** Answers asked for before their page rendered, by key; each is taken once, and only while fresh. */
const prefetched = new Map<string, { api: ApiClient; answer: Promise<unknown>; at: number }>();
const prefetchFreshMs = 10_000;

/**
 * Starts a query before its page has rendered — a route's loader runs while the page's chunk is
 * still on its way — so the request and the chunk travel together instead of one after the other.
 * The page's `useApiQuery` with the same key (and session) takes this answer instead of asking again.
 */
export const prefetchApiQuery = <T>(api: ApiClient, key: readonly unknown[], load: Load<T>): void => {
  const answer = load(api, new AbortController().signal);
  // Seen by the page when it takes the answer; not an unhandled rejection meanwhile.
  answer.catch(() => undefined);
  prefetched.set(JSON.stringify(key), { api, answer, at: Date.now() });
};

const takePrefetched = <T>(api: ApiClient, keyText: string): Promise<T> | undefined => {
  const entry = prefetched.get(keyText);
  if (!entry) return undefined;
  prefetched.delete(keyText);
  return entry.api === api && Date.now() - entry.at < prefetchFreshMs
    ? (entry.answer as Promise<T>)
    : undefined;
};

/**
 * Loads data from the API whenever `key` changes (compared by value), cancelling the request it
 * replaces so a slow answer never overwrites a newer one. `key: null` loads nothing.
 */
export const useApiQuery = <T>(key: readonly unknown[] | null, load: Load<T>): ApiQuery<T> => {
  const { api } = useSession();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: key !== null,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyText = key === null ? null : JSON.stringify(key);

  useEffect(() => {
    if (keyText === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, error: undefined, loading: true }));
    (takePrefetched<T>(api, keyText) ?? loadRef.current(api, controller.signal)).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [api, keyText, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
};
