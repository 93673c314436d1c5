import { FileUp } from 'lucide-react';
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { CrmImportDialog } from './CrmImportDialog.tsx';

/** Opens the CRM import from anywhere (the persona list). */
export function CrmImportButton({ onImported }: { onImported?: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="crm-import-open">
        <FileUp aria-hidden size={16} /> {t('crm.import')}
      </button>
      <CrmImportDialog open={open} onOpenChange={setOpen} {...(onImported ? { onImported: () => onImported() } : {})} />
    </>
  );
}
