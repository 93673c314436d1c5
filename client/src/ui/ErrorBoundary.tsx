import { RotateCw, TriangleAlert } from 'lucide-react';
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

function CrashScreen() {
  const t = useT();
  return (
    <main className="access" role="alert" data-testid="crash-screen">
      <div className="access__card">
        <TriangleAlert aria-hidden size={40} className="access__icon" />
        <h1>{t('crash.title')}</h1>
        <p>{t('crash.body')}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          <RotateCw aria-hidden size={16} /> {t('crash.reload')}
        </button>
      </div>
    </main>
  );
}

/**
 * Turns a rendering failure (or a part of the app that could not be downloaded) into a screen that
 * says what to do, instead of a blank page. Edits are in the document and IndexedDB, so a reload
 * loses nothing.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; onError?: (error: unknown, info: ErrorInfo) => void }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashScreen /> : this.props.children;
  }
}
