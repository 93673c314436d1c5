import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

/** A load that failed: what happened, and a button to try again. */
export function RetryNotice({ className, onRetry, children }: { className?: string; onRetry: () => void; children: ReactNode }) {
  const t = useT();
  return (
    <div className={className ? `notice notice--error ${className}` : 'notice notice--error'} role="alert">
      <p>{children}</p>
      <button type="button" className="button button--small" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
