import { useCallback, useEffect, useEffectEvent, useState } from 'react';

/**
 * What a fetch has brought so far. `status` is that of the request for the current key; `data` is
 * the latest answer (kept, stale, while a newer request loads or after it fails) and `error` the
 * failure of the latest request that settled (cleared by the next answer).
 */
export type Fetched<T> = (
  | { status: 'ok'; data: T; error: undefined }
  | { status: 'loading'; data: T | undefined; error: Error | undefined }
  | { status: 'error'; data: T | undefined; error: Error }
) & {
  /** Asks again for the current key. */
  retry: () => void;
};

/** One request: a new key or a retry each get the next number, so a late answer is known for what it is. */
interface Request {
  key: string;
  n: number;
}

/** The outcome of request `n`; an error keeps the answer before it. */
type Settled<T> = { n: number } & ({ data: T; error: undefined } | { data: T | undefined; error: Error });

const asError = (reason: unknown): Error => (reason instanceof Error ? reason : new Error(String(reason), { cause: reason }));

/**
 * Loads `load(signal)` for `key`, again whenever the key changes or `retry` is called. The request
 * before is aborted, and an answer that arrives after its request was aborted is dropped, so an older
 * answer never replaces a newer one. Unmounting aborts too.
 */
export function useFetch<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Fetched<T> {
  const [request, setRequest] = useState<Request>({ key, n: 0 });
  if (request.key !== key) setRequest({ key, n: request.n + 1 });
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const start = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    // A loader that throws before it returns a promise fails like one that rejects.
    new Promise<T>((resolve) => resolve(start(controller.signal))).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ n: request.n, data, error: undefined });
      },
      (reason: unknown) => {
        if (!controller.signal.aborted) setSettled((previous) => ({ n: request.n, data: previous?.data, error: asError(reason) }));
      },
    );
    return () => controller.abort();
  }, [request]);

  const retry = useCallback(() => setRequest((current) => ({ key: current.key, n: current.n + 1 })), []);

  if (settled?.n !== request.n) return { status: 'loading', data: settled?.data, error: settled?.error, retry };
  if (settled.error) return { status: 'error', data: settled.data, error: settled.error, retry };
  return { status: 'ok', data: settled.data, error: undefined, retry };
}
