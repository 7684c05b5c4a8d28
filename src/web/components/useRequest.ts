import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface Request<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads data when its inputs change; a late answer to an outdated request is dropped. */
export function useRequest<T>(load: () => Promise<T>, deps: DependencyList): Request<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => current && setData(value),
      (err: unknown) => current && setError(err),
    ).finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
    // The caller lists what `load` depends on.
  }, [...deps, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}
