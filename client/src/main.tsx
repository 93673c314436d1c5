import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createApiClient } from './api/http.ts';
import { ApiProvider } from './api/context.tsx';
import { App, preloadForPath } from './App.tsx';
import { SessionProvider } from './session/context.tsx';
import { createSessionStore } from './session/store.ts';
import { captureToken } from './session/token.ts';
import { applySideColors } from './ui/sideColors.ts';
// Every stylesheet loads here, so lazy routes never wait for theirs; order is cascade order (tokens, shared ui, features).
import './ui/tokens.css';
import './ui/base.css';
import './ui/header.css';
import './ui/dialog.css';
import './ui/choiceCards.css';
import './ui/access.css';
import './features/personas/personas.css';
import './features/workshop/workshop.css';
import './features/workshop/profile.css';
import './features/workshop/sectionEditor.css';
import './features/workshop/panel.css';
import './features/publishing/publishing.css';
import './features/evidence/claims.css';
import './features/evidence/claimCard.css';
import './features/evidence/linkDialog.css';
import './features/evidence/board.css';
import './features/evidence/csvImport.css';
import './features/threads/threads.css';
import './features/mentions/mentions.css';
import './features/signoff/signoff.css';
import './features/library/libraryPage.css';
import './features/library/libraryPersonaPage.css';
import './features/library/librarySection.css';
import './features/library/libraryEvidence.css';
import './features/library/versionChanges.css';
import './features/members/members.css';
import './features/webhooks/webhooks.css';
import './features/lifecycle/lifecycle.css';
import './features/goals/goals.css';
import './features/report/report.css';
import './features/feedback/feedback.css';

applySideColors(document.documentElement);
preloadForPath(window.location.pathname);

const session = createSessionStore({
  storage: window.localStorage,
  languages: navigator.languages,
  token: captureToken(window),
});
const api = createApiClient({ getToken: () => session.getState().token });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <SessionProvider store={session}>
      <ApiProvider api={api}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </ApiProvider>
    </SessionProvider>
  </StrictMode>,
);

// Lets a reload open the app while the server is unreachable; the persona comes from IndexedDB.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
