import { LoaderCircle } from 'lucide-react';
import { lazy, Suspense, useEffect } from 'react';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AccessScreen } from './ui/AccessScreen.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { useLocale, useT } from './i18n/index.ts';
import { HomePage } from './features/personas/HomePage.tsx';
import { LibraryPage } from './features/library/LibraryPage.tsx';
import { NotFoundPage } from './ui/NotFoundPage.tsx';
import { SignInErrorPage } from './ui/SignInErrorPage.tsx';
import { useSession } from './session/context.tsx';

// The editors (Tiptap, ProseMirror) load only when a workshop opens, keeping the first screen light.
const loadWorkshop = () => import('./features/workshop/WorkshopPage.tsx');
const WorkshopRoute = lazy(loadWorkshop);

// A published persona's page (rich text view, version diff) loads when one is opened; never the editor.
const loadLibraryPersona = () => import('./features/library/LibraryPersonaPage.tsx');
const LibraryPersonaRoute = lazy(() => loadLibraryPersona().then((module) => ({ default: module.LibraryPersonaPage })));

/** On a direct visit to a workshop or a published persona, fetch its code while React starts, not after. */
export function preloadForPath(pathname: string): void {
  if (pathname.startsWith('/p/')) void loadWorkshop();
  else if (pathname.startsWith('/library/')) void loadLibraryPersona();
}

function Loading() {
  const t = useT();
  return (
    <p className="page-loading" role="status">
      <LoaderCircle aria-hidden size={20} className="spin" /> {t('common.loading')}
    </p>
  );
}

/** A page for anyone with a valid link; the access screen otherwise. */
function WithAccess({ children }: { children: ReactNode }) {
  const token = useSession((s) => s.token);
  const role = useSession((s) => s.role);
  if (!token) return <AccessScreen reason="no-token" />;
  if (role === null) return <AccessScreen reason="unauthorized" />;
  return children;
}

/** `/`: the persona list for editors, the library for everyone else (SPEC §4). */
function Home() {
  const role = useSession((s) => s.role);
  const { search } = useLocation();
  return role === 'editor' ? <HomePage /> : <Navigate to={{ pathname: '/library', search }} replace />;
}

export function App() {
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ErrorBoundary>
      <Suspense fallback={<Loading />}>
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
          <Route path="/signin" element={<SignInErrorPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
