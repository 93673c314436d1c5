import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionIndicator } from '../../../client/src/features/workshop/ConnectionIndicator.tsx';
import type { ConnectionStatus } from '../../../client/src/collab/personaRoom.ts';
import { makeSession, withSession } from './session.tsx';

const CASES: readonly [ConnectionStatus, string, string][] = [
  ['connected', 'Live', 'En directo'],
  ['connecting', 'Connecting…', 'Conectando…'],
  ['offline', 'Offline', 'Sin conexión'],
];

describe('ConnectionIndicator', () => {
  it.each(CASES)('shows %s with data-status and a visible label', (status, english) => {
    render(<ConnectionIndicator status={status} />, { wrapper: withSession() });
    const indicator = screen.getByTestId('connection');
    expect(indicator.getAttribute('data-status')).toBe(status);
    expect(indicator.querySelector('.connection__label')?.textContent).toBe(english);
    expect(indicator.getAttribute('role')).toBe('status');
    expect(indicator.title).not.toBe('');
  });

  it('reassures that offline edits are kept', () => {
    render(<ConnectionIndicator status="offline" />, { wrapper: withSession() });
    expect(screen.getByTestId('connection').textContent).toContain('your edits are kept on this device');
  });

  it('follows the status and the language as they change', () => {
    const store = makeSession();
    const { rerender } = render(<ConnectionIndicator status="connecting" />, { wrapper: withSession(store) });
    for (const [status, english, spanish] of CASES) {
      act(() => store.getState().setLocale('en'));
      rerender(<ConnectionIndicator status={status} />);
      expect(screen.getByTestId('connection').getAttribute('data-status')).toBe(status);
      expect(screen.getByTestId('connection').querySelector('.connection__label')?.textContent).toBe(english);
      act(() => store.getState().setLocale('es'));
      expect(screen.getByTestId('connection').querySelector('.connection__label')?.textContent).toBe(spanish);
    }
  });
});
