// Issue 14 item 1: a busy PDF renderer (503 + Retry-After) tells the reader when to try again, in their language.
import { fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import { createApiClient } from '../../../client/src/api/http.ts';
import { PdfDownloadButton } from '../../../client/src/features/publishing/PdfDownloadButton.tsx';
import { makeSession, withSession } from './session.tsx';

/** The API over a fetch that answers every request as the server does when its PDF queue is full. */
function busyServer(languages: readonly string[]) {
  const fetch = () =>
    Promise.resolve(
      new Response(JSON.stringify({ error: { code: 'unavailable', message: 'The PDF cannot be made right now' } }), {
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '7' },
      }),
    );
  const api = createApiClient({ getToken: () => 'a-token', fetch });
  const Session = withSession(makeSession({ languages, role: 'editor' }));
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <Session>
        <ApiProvider api={api}>{children}</ApiProvider>
      </Session>
    );
  };
}

describe('[issue 14.1] the PDF button when the renderer is busy', () => {
  it.each([
    ['en', /busy right now.*Try again in 7 s/],
    ['es', /ocupados ahora mismo.*Vuelve a intentarlo en 7 s/],
  ])('says so and when to try again (%s)', async (language, expected) => {
    render(<PdfDownloadButton path="/api/personas/p1/export.pdf" filename="p1.pdf" />, { wrapper: busyServer([language]) });
    fireEvent.click(screen.getByRole('button'));
    expect((await screen.findByRole('alert')).textContent).toMatch(expected);
  });
});
