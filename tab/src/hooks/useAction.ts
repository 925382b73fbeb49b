import { useCallback, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { isApiError } from '../api/api-error';
import { useSession } from '../auth/session-context';

export interface Action<A extends unknown[], T> {
  /** Runs the action; resolves to its result, or undefined when it failed (the error is kept). */
  run(...args: A): Promise<T | undefined>;
  running: boolean;
  error: unknown;
  reset(): void;
}

/**
 * A change sent to the API from a form or a button: running flag (to disable the button, so a double
 * click sends once), the failure to show, and the result. Loading data is useApiQuery's job.
 */
export const useAction = <A extends unknown[], T>(
  action: (api: ApiClient, ...args: A) => Promise<T>,
): Action<A, T> => {
  const { api } = useSession();
  const [state, setState] = useState<{ running: boolean; error: unknown }>({
    running: false,
    error: undefined,
  });
  const actionRef = useRef(action);
  actionRef.current = action;
  const runningRef = useRef(false);

  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      if (runningRef.current) return undefined;
      runningRef.current = true;
      setState({ running: true, error: undefined });
      try {
        const result = await actionRef.current(api, ...args);
        setState({ running: false, error: undefined });
        return result;
      } catch (error) {
        setState({ running: false, error });
        return undefined;
      } finally {
        runningRef.current = false;
      }
    },
    [api],
  );
  const reset = useCallback(() => setState({ running: false, error: undefined }), []);
  return { run, reset, ...state };
};

/** Someone else changed the record first (optimistic locking): the cure is to reload, not to retry. */
export const isConflict = (error: unknown): boolean => isApiError(error) && error.status === 409;
