import { BookOpen } from 'lucide-react';
import { Link } from 'react-router';
import type { VersionMeta } from '../../../../shared/api.ts';
import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { ReactNode } from 'react';
import type { ConnectionStatus } from '../../collab/personaRoom.ts';
import { useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { PdfDownloadButton, pdfFilename } from '../publishing/PdfDownloadButton.tsx';
import { PublishDialog } from '../publishing/PublishDialog.tsx';
import type { Signoffs } from '../signoff/useSignoff.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { ShareDialog } from './ShareDialog.tsx';

interface WorkshopHeaderProps {
  personaId: string;
  personaName: string;
  status: ConnectionStatus;
  readOnly: boolean;
  participant: Participant;
  signoffs: Signoffs;
  alignment: Readonly<Record<SectionKey, SectionAlignment>>;
  openThreads: number;
  notStarted: ReadonlySet<SectionKey>;
  /** The persona's lifecycle action (Archive), shown to editors. */
  lifecycle?: ReactNode;
  latest: VersionMeta | null;
  onPublished: (version: VersionMeta) => void;
  /** Only with an operator token: a member's name and team come from the server. */
  onEditParticipant?: () => void;
}

/** The persona's name, the connection, and what an editor does with the whole persona: PDF, share, library, publish. */
export function WorkshopHeader({ personaId, personaName, status, readOnly, participant, signoffs, alignment, openThreads, notStarted, lifecycle, latest, onPublished, onEditParticipant }: WorkshopHeaderProps) {
  const t = useT();
  return (
    <AppHeader {...(onEditParticipant ? { onEditParticipant } : {})}>
      <span className="app-header__title">{personaName || t('home.untitled')}</span>
      <ConnectionIndicator status={status} />
      {readOnly ? null : (
        <div className="workshop-actions">
          {/* The titles name the buttons where narrow screens leave them only their icon. */}
          <span className="workshop-actions__item" title={t('pdf.download')}>
            <PdfDownloadButton path={`/api/personas/${personaId}/export.pdf`} filename={pdfFilename(personaName, 'draft')} />
          </span>
          <span className="workshop-actions__item" title={t('share.button')}>
            <ShareDialog personaId={personaId} />
          </span>
          {lifecycle}
          {latest ? (
            <Link
              className="button button--ghost button--small workshop-actions__library"
              to={`/library/${encodeURIComponent(personaId)}`}
              title={t('publish.latest.title', { version: latest.version })}
              aria-label={t('publish.latest.title', { version: latest.version })}
              data-testid="workshop-library-link"
            >
              <BookOpen aria-hidden size={16} />
              <span>{t('publish.latest.link', { version: latest.version })}</span>
            </Link>
          ) : null}
          <PublishDialog
            personaId={personaId}
            participant={participant}
            signoffs={signoffs}
            alignment={alignment}
            openThreads={openThreads}
            notStarted={notStarted}
            latestVersion={latest?.version ?? null}
            onPublished={onPublished}
          />
        </div>
      )}
    </AppHeader>
  );
}
