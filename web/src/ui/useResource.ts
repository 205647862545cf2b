import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'loaded'; data: T }
  | { status: 'failed'; error: ApiError };

/**
 * Loads something from the API when `key` changes (or `reload` is called). Answers that arrive
 * after the key has changed are dropped, so a slow answer cannot replace a newer one. While the
 * answer for a new key is awaited the resource is loading: what was loaded for the old key (the
 * whole list, before a search) is never shown as the answer for the new one. A reload keeps it
 * shown until the fresh answer comes.
 */
export function useResource<T>(key: string, load: () => Promise<T>): [Resource<T>, () => void] {
  const [loaded, setResource] = useState<{ key: string; resource: Resource<T> }>({
    key,
    resource: { status: 'loading' },
  });
  const resource: Resource<T> = loaded.key === key ? loaded.resource : { status: 'loading' };
  const [reloads, setReloads] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `reloads` are what trigger a load.
  useEffect(() => {
    let current = true;
    loadRef.current().then(
      (data) => {
        if (current) setResource({ key, resource: { status: 'loaded', data } });
      },
      (error: unknown) => {
        if (current) setResource({ key, resource: { status: 'failed', error: toApiError(error) } });
      },
    );
    return () => {
      current = false;
    };
  }, [key, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return [resource, reload];
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, title: 'Error', detail: 'Something went wrong. Try again.' });
}
