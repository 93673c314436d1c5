import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useFetch } from '../../../client/src/api/useFetch.ts';

/** A request the test answers by hand, with the signal the hook gave it. */
interface Pending {
  key: string;
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (reason: unknown) => void;
}

/** A loader that never looks at its signal, so only the hook can keep an aborted answer out. */
function manualLoader() {
  const requests: Pending[] = [];
  const load = vi.fn((key: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      requests.push({ key, signal, resolve, reject });
    }),
  );
  const request = (index: number): Pending => {
    const found = requests[index];
    if (!found) throw new Error(`no request #${index} (there are ${requests.length})`);
    return found;
  };
  return { load, requests, request };
}

function renderFetch(initialKey: string) {
  const loader = manualLoader();
  const hook = renderHook(({ key }: { key: string }) => useFetch(key, (signal) => loader.load(key, signal)), {
    initialProps: { key: initialKey },
  });
  return { ...loader, ...hook };
}

describe('useFetch', () => {
  it('is loading until the answer comes, then ok with it', async () => {
    const { result, request } = renderFetch('a');
    expect(result.current).toMatchObject({ status: 'loading', data: undefined, error: undefined });

    await act(async () => request(0).resolve('answer a'));
    expect(result.current).toMatchObject({ status: 'ok', data: 'answer a', error: undefined });
  });

  it('aborts the request before when the key changes, and the last one on unmount', () => {
    const { rerender, unmount, request, load } = renderFetch('a');
    rerender({ key: 'b' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(request(0)).toMatchObject({ key: 'a' });
    expect(request(0).signal.aborted).toBe(true);
    expect(request(1)).toMatchObject({ key: 'b' });
    expect(request(1).signal.aborted).toBe(false);

    unmount();
    expect(request(1).signal.aborted).toBe(true);
  });

  it('keeps the answer it has, stale, while the next key loads', async () => {
    const { result, rerender, request } = renderFetch('a');
    await act(async () => request(0).resolve('answer a'));
    rerender({ key: 'b' });
    expect(result.current).toMatchObject({ status: 'loading', data: 'answer a' });
    await act(async () => request(1).resolve('answer b'));
    expect(result.current).toMatchObject({ status: 'ok', data: 'answer b' });
  });

  it('never lets an older answer replace a newer one, whichever arrives first', async () => {
    const { result, rerender, request } = renderFetch('a');
    rerender({ key: 'b' });
    rerender({ key: 'c' });
    await act(async () => request(0).resolve('answer a, late'));
    await act(async () => request(1).reject(new Error('b failed, late')));
    expect(result.current).toMatchObject({ status: 'loading', data: undefined, error: undefined });

    await act(async () => request(2).resolve('answer c'));
    rerender({ key: 'd' });
    rerender({ key: 'c' });
    await act(async () => request(4).resolve('answer c, again'));
    await act(async () => request(3).resolve('answer d, late'));
    expect(result.current).toMatchObject({ status: 'ok', data: 'answer c, again', error: undefined });
  });

  it('reports a failure with the answer before it kept, and retry asks again for the same key', async () => {
    const { result, rerender, request, load } = renderFetch('a');
    await act(async () => request(0).resolve('answer a'));
    rerender({ key: 'b' });
    const failure = new Error('offline');
    await act(async () => request(1).reject(failure));
    expect(result.current).toMatchObject({ status: 'error', error: failure, data: 'answer a' });

    act(() => result.current.retry());
    expect(load).toHaveBeenCalledTimes(3);
    expect(request(2)).toMatchObject({ key: 'b' });
    // Until the retry answers, the failure it retries is still the latest outcome.
    expect(result.current).toMatchObject({ status: 'loading', error: failure, data: 'answer a' });

    await act(async () => request(2).resolve('answer b'));
    expect(result.current).toMatchObject({ status: 'ok', data: 'answer b', error: undefined });
  });

  it('aborts the request a retry replaces', () => {
    const { result, request } = renderFetch('a');
    act(() => result.current.retry());
    expect(request(0).signal.aborted).toBe(true);
    expect(request(1).signal.aborted).toBe(false);
  });

  it('turns a rejection that is not an Error into one, so a failure is never undefined', async () => {
    const { result, request } = renderFetch('a');
    await act(async () => request(0).reject(undefined));
    expect(result.current.status).toBe('error');
    expect(result.current.error).toBeInstanceOf(Error);
  });

  it('fails like a rejection when the loader throws before it returns a promise', async () => {
    const failure = new Error('thrown at once');
    const { result } = renderHook(() =>
      useFetch('a', () => {
        throw failure;
      }),
    );
    await vi.waitFor(() => expect(result.current).toMatchObject({ status: 'error', error: failure }));
  });
});
