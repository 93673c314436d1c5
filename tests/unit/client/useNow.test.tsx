import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRelative } from '../../../client/src/i18n/format.ts';
import { useNow } from '../../../client/src/i18n/useNow.ts';

afterEach(() => {
  vi.useRealTimers();
});

function Age({ since }: { since: string }) {
  return <p>{formatRelative(since, 'en', useNow())}</p>;
}

describe('useNow', () => {
  it('ages relative times while the page stays open, on one shared timer', () => {
    vi.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
    render(
      <>
        <Age since="2026-11-24T10:00:00Z" />
        <Age since="2026-11-24T09:59:00Z" />
      </>,
    );
    expect(screen.getByText('now')).toBeTruthy();
    expect(screen.getByText('1 minute ago')).toBeTruthy();
    expect(vi.getTimerCount()).toBe(1);

    act(() => vi.advanceTimersByTime(2 * 60_000));
    expect(screen.getByText('2 minutes ago')).toBeTruthy();
    expect(screen.getByText('3 minutes ago')).toBeTruthy();
  });
});
