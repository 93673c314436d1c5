import { Check, Copy, Link2, Share2, ShieldCheck } from 'lucide-react';
import { Dialog, Tabs } from 'radix-ui';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { CreateMemberResponse } from '../../../../shared/api.ts';
import { useT } from '../../i18n/index.ts';
import { useSession } from '../../session/context.tsx';
import { DialogPanel } from '../../ui/DialogPanel.tsx';
import { InviteForm } from '../members/InviteForm.tsx';
import { LinkReveal } from '../members/LinkReveal.tsx';
import { ReaderLinkForm } from '../members/ReaderLinks.tsx';

/** A personal link pointed at this persona: the workshop for a person who edits, the library for a reader. */
export function linkToPersona(link: string, personaId: string, reads: boolean): string {
  const url = new URL(link);
  url.pathname = `${reads ? '/library' : '/p'}/${encodeURIComponent(personaId)}`;
  return url.toString();
}

/** The persona's own address, for colleagues who are already members (no token in it). */
function PersonaAddress({ personaId }: { personaId: string }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}/p/${encodeURIComponent(personaId)}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div className="share-link" data-testid="share-address">
      <label className="field__label" htmlFor={id}>
        <Link2 aria-hidden size={14} /> {t('share.address')}
      </label>
      <p className="share-link__hint">{t('share.addressHint')}</p>
      <div className="share-link__row">
        <input id={id} className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button button--small" onClick={() => void copy()}>
          {copied ? <Check aria-hidden size={16} /> : <Copy aria-hidden size={16} />}
          <span aria-live="polite">{t(copied ? 'share.copied' : 'share.copy')}</span>
        </button>
      </div>
    </div>
  );
}

type Made = { name: string; link: string; reader: boolean } | null;

/** Admins: invite a person to this persona, or make a reader link; each link is one member's, revocable. */
function AdminShare({ personaId }: { personaId: string }) {
  const t = useT();
  const [made, setMade] = useState<Made>(null);
  const onInvited = ({ member, link }: CreateMemberResponse) =>
    setMade({ name: member.name, link: linkToPersona(link, personaId, member.role === 'viewer'), reader: false });
  const onReader = ({ member, link }: CreateMemberResponse) => setMade({ name: member.name, link: linkToPersona(link, personaId, true), reader: true });
  return (
    <Tabs.Root defaultValue="person" className="share-tabs" onValueChange={() => setMade(null)}>
      <Tabs.List className="share-tabs__list" aria-label={t('share.title')}>
        <Tabs.Trigger value="person" className="share-tabs__tab">
          {t('share.tab.person')}
        </Tabs.Trigger>
        <Tabs.Trigger value="reader" className="share-tabs__tab">
          {t('share.tab.reader')}
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="person" className="share-tabs__panel">
        <p className="share-link__hint">{t('share.personLinkHint')}</p>
        <InviteForm onInvited={onInvited} />
      </Tabs.Content>
      <Tabs.Content value="reader" className="share-tabs__panel">
        <p className="share-link__hint">{t('share.readerLinkHint')}</p>
        <ReaderLinkForm onCreated={onReader} />
      </Tabs.Content>
      {made ? <LinkReveal name={made.name} link={made.link} reader={made.reader} /> : null}
    </Tabs.Root>
  );
}

/**
 * Sharing this persona. Admins invite a person or make a reader link and copy it; editors copy the
 * persona's address for colleagues who are already members, and learn that an admin invites new people.
 */
export function ShareDialog({ personaId }: { personaId: string }) {
  const t = useT();
  const admin = useSession((s) => s.role === 'admin');
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <button type="button" className="button button--small">
          <Share2 aria-hidden size={16} />
          {t('share.button')}
        </button>
      </Dialog.Trigger>
      <DialogPanel title={t('share.title')} description={t(admin ? 'share.adminDescription' : 'share.editorDescription')} testId="share-dialog">
        <PersonaAddress personaId={personaId} />
        {admin ? (
          <AdminShare personaId={personaId} />
        ) : (
          <p className="notice notice--info" data-testid="share-admin-invites">
            <ShieldCheck aria-hidden size={16} /> {t('share.adminInvites')}
          </p>
        )}
        <div className="dialog__actions">
          {admin ? (
            <Dialog.Close asChild>
              <Link className="button button--ghost" to="/members">
                {t('share.manage')}
              </Link>
            </Dialog.Close>
          ) : null}
          <Dialog.Close asChild>
            <button type="button" className="button button--primary">
              {t('common.done')}
            </button>
          </Dialog.Close>
        </div>
      </DialogPanel>
    </Dialog.Root>
  );
}
