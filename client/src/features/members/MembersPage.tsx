import { LoaderCircle, ShieldCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { CreateMemberResponse } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';
import { useSession } from '../../session/context.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { InviteForm } from './InviteForm.tsx';
import { LinkReveal } from './LinkReveal.tsx';
import { MemberRow } from './MemberRow.tsx';
import { isReaderLink, ReaderLinkForm, ReaderLinkList } from './ReaderLinks.tsx';
import { ColumnHeads } from './ColumnHeads.tsx';

/** The last link made here, shown once until dismissed or replaced. */
type Revealed = { name: string; link: string; reader: boolean } | null;

/** `/members` (admins): invite people and hand them their link, change or end their access, and reader links. */
export default function MembersPage() {
  const t = useT();
  const api = useApi();
  const selfId = useSession((s) => s.me?.member?.id ?? null);
  const [round, setRound] = useState(0);
  const list = useFetch(`members:${round}`, (signal) => api.listMembers(signal));
  const [invited, setInvited] = useState<Revealed>(null);
  const [reader, setReader] = useState<Revealed>(null);
  const reload = () => setRound((n) => n + 1);

  useEffect(() => {
    document.title = `${t('members.title')} · Tandem`;
    return () => {
      document.title = 'Tandem';
    };
  }, [t]);

  const onInvited = ({ member, link }: CreateMemberResponse) => {
    setInvited({ name: member.name, link, reader: false });
    reload();
  };
  const onReader = ({ member, link }: CreateMemberResponse) => {
    setReader({ name: member.name, link, reader: true });
    reload();
  };

  const members = list.data?.members ?? [];
  const people = members.filter((member) => !isReaderLink(member));
  const readers = members.filter(isReaderLink);

  return (
    <>
      <AppHeader />
      <main className="members" data-testid="members-page">
        <header className="members__intro">
          <h1>
            <ShieldCheck aria-hidden size={22} /> {t('members.title')}
          </h1>
          <p>{t('members.description')}</p>
        </header>

        <section className="members__card" aria-labelledby="members-invite">
          <h2 id="members-invite">{t('members.invite.title')}</h2>
          <p className="members__lead">{t('members.invite.lead')}</p>
          <InviteForm onInvited={onInvited} />
          {invited ? <LinkReveal name={invited.name} link={invited.link} onDone={() => setInvited(null)} /> : null}
        </section>

        <section className="members__card" aria-labelledby="members-list">
          <h2 id="members-list">
            {t('members.list.title')} {list.data ? <span className="count">{people.length}</span> : null}
          </h2>
          {list.status === 'error' ? <RetryNotice onRetry={list.retry}>{describeError(t, list.error)}</RetryNotice> : null}
          {!list.data ? (
            list.status === 'loading' ? (
              <p role="status" className="members__muted">
                <LoaderCircle aria-hidden size={16} className="spin" /> {t('common.loading')}
              </p>
            ) : null
          ) : people.length === 0 ? (
            <p className="members__empty">{t('members.list.empty')}</p>
          ) : (
            <div className="members__table-wrap">
              <table className="members__table" data-testid="members-table">
                <ColumnHeads
                  labels={[
                    t('members.field.name'),
                    t('members.field.team'),
                    t('members.field.role'),
                    t('members.field.email'),
                    t('members.field.status'),
                  ]}
                />
                <tbody>
                  {people.map((member) => (
                    <MemberRow key={member.id} member={member} isSelf={member.id === selfId} onChanged={reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="members__card" aria-labelledby="members-readers" data-testid="reader-links">
          <h2 id="members-readers">{t('members.reader.title')}</h2>
          <p className="members__lead">{t('members.reader.lead')}</p>
          <ReaderLinkForm onCreated={onReader} />
          {reader ? <LinkReveal name={reader.name} link={reader.link} reader onDone={() => setReader(null)} /> : null}
          {list.data ? <ReaderLinkList readers={readers} onChanged={reload} /> : null}
        </section>
      </main>
    </>
  );
}
