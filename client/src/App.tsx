import { LoaderCircle } from 'lucide-react';
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { AccessScreen } from './components/AccessScreen.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { useLocale, useT } from './i18n/index.ts';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ViewerHomePage } from './pages/ViewerHomePage.tsx';
import { useSession } from './session/context.tsx';

// The editors (Tiptap, ProseMirror) load only when a workshop opens, keeping the first screen light.
const loadWorkshop = () => import('./pages/WorkshopPage.tsx');
const WorkshopRoute = lazy(loadWorkshop);

/** On a direct visit to a workshop, fetch its code while React starts, not after. */
export function preloadForPath(pathname: string): void {
  if (pathname.startsWith('/p/')) void loadWorkshop();
}

function Loading() {
  const t = useT();
  return (
    <p className="page-loading" role="status">
      <LoaderCircle aria-hidden size={20} className="spin" /> {t('common.loading')}
    </p>
  );
}

function Home() {
  const token = useSession((s) => s.token);
  const role = useSession((s) => s.role);
  if (!token) return <AccessScreen reason="no-token" />;
  if (role === null) return <AccessScreen reason="unauthorized" />;
  return role === 'editor' ? <HomePage /> : <ViewerHomePage />;
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
          <Route path="/" element={<Home />} />
          <Route path="/p/:id" element={<WorkshopRoute />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
