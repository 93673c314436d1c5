import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../../client/src/ui/ErrorBoundary.tsx';
import { withSession } from './session.tsx';

function Broken(): never {
  throw new Error('render failed');
}

describe('ErrorBoundary', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('replaces a failed page with a screen that says what to do, and reports the error', () => {
    // React reports caught render errors on the console; this test expects exactly that one.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onError = vi.fn();
    render(
      <ErrorBoundary onError={onError}>
        <Broken />
      </ErrorBoundary>,
      { wrapper: withSession() },
    );
    expect(screen.getByTestId('crash-screen').textContent).toContain('Reload to carry on');
    expect(screen.getByRole('button', { name: /Reload/ })).toBeTruthy();
    expect(onError).toHaveBeenCalledOnce();
  });

  it('renders its children when nothing fails', () => {
    render(
      <ErrorBoundary>
        <p>fine</p>
      </ErrorBoundary>,
      { wrapper: withSession() },
    );
    expect(screen.getByText('fine')).toBeTruthy();
    expect(screen.queryByTestId('crash-screen')).toBeNull();
  });
});
