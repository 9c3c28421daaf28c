import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  /** the last failure as a Chinese message (the data of the last success stays) */
  error: string | null;
  reload(): Promise<void>;
}

/** Loads `fetch(arg)` now and again whenever `arg` changes (compared by identity: keep it in state). */
export function useLoad<A, T>(fetch: (arg: A) => Promise<T>, arg: A): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await fetch(arg));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [fetch, arg]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, loading, error, reload };
}
