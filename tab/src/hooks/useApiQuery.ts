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

/**
 * Loads data from the API whenever `key` changes (compared by value), cancelling the request it
 * replaces so a slow answer never overwrites a newer one. `key: null` loads nothing.
 */
export const useApiQuery = <T>(
  key: readonly unknown[] | null,
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>,
): ApiQuery<T> => {
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
    loadRef.current(api, controller.signal).then(
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
