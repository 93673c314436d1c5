import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { roleAllows } from '../../shared/protocol.ts';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { useLocale } from './i18n/index.ts';
import { useLiveStream } from './features/feedback/useLiveStream.ts';
import { HomePage } from './features/personas/HomePage.tsx';
import { LibraryPage } from './features/library/LibraryPage.tsx';
import { NotFoundPage } from './ui/NotFoundPage.tsx';
import { SignInErrorPage } from './ui/SignInErrorPage.tsx';
import { useSession } from './session/context.tsx';
import { PageLoading, useAccessCheck, WithAccess } from './session/SessionGate.tsx';

// The editors (Tiptap, ProseMirror) load only when a workshop opens, keeping the first screen light.
const loadWorkshop = () => import('./features/workshop/WorkshopPage.tsx');
const WorkshopRoute = lazy(loadWorkshop);

// A published persona's page (rich text view, version diff) loads when one is opened; never the editor.
const loadLibraryPersona = () => import('./features/library/LibraryPersonaPage.tsx');
const LibraryPersonaRoute = lazy(() => loadLibraryPersona().then((module) => ({ default: module.LibraryPersonaPage })));

// The joint report (editors) loads when one opens it.
const ReportRoute = lazy(() => import('./features/report/ReportPage.tsx'));

// The inbox and its settings (issue 17) load when one opens them.
const InboxRoute = lazy(() => import('./features/inbox/InboxPage.tsx'));
const NotificationSettingsRoute = lazy(() => import('./features/inbox/NotificationSettingsPage.tsx'));

// The Members page is for admins only: it loads when one opens it.
const MembersRoute = lazy(() => import('./features/members/MembersPage.tsx'));
const WebhooksRoute = lazy(() => import('./features/webhooks/WebhooksPage.tsx'));

/** On a direct visit to a workshop or a published persona, fetch its code while React starts, not after. */
export function preloadForPath(pathname: string): void {
  if (pathname.startsWith('/p/')) void loadWorkshop();
  else if (pathname.startsWith('/library/')) void loadLibraryPersona();
}

/** `/`: the persona list for editors and admins, the library for readers (SPEC §4). */
function Home() {
  const role = useSession((s) => s.role);
  const { search } = useLocation();
  return role !== null && roleAllows(role, 'editor') ? <HomePage /> : <Navigate to={{ pathname: '/library', search }} replace />;
}

export function App() {
  const locale = useLocale();
  useAccessCheck();
  useLiveStream();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ErrorBoundary>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route
            path="/"
            element={
              <WithAccess>
                <Home />
              </WithAccess>
            }
          />
          <Route path="/p/:id" element={<WorkshopRoute />} />
          <Route
            path="/members"
            element={
              <WithAccess needs="admin">
                <MembersRoute />
              </WithAccess>
            }
          />
          <Route
            path="/webhooks"
            element={
              <WithAccess needs="admin">
                <WebhooksRoute />
              </WithAccess>
            }
          />
          <Route
            path="/library"
            element={
              <WithAccess>
                <LibraryPage />
              </WithAccess>
            }
          />
          <Route
            path="/library/:id"
            element={
              <WithAccess>
                <LibraryPersonaRoute />
              </WithAccess>
            }
          />
          <Route
            path="/report"
            element={
              <WithAccess needs="editor">
                <ReportRoute />
              </WithAccess>
            }
          />
          <Route
            path="/inbox"
            element={
              <WithAccess needs="editor">
                <InboxRoute />
              </WithAccess>
            }
          />
          <Route
            path="/inbox/settings"
            element={
              <WithAccess needs="editor">
                <NotificationSettingsRoute />
              </WithAccess>
            }
          />
          <Route path="/signin" element={<SignInErrorPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
