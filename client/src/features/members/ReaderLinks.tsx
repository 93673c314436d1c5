import { LinkIcon, LoaderCircle } from 'lucide-react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { CreateMemberResponse, Member } from '../../../../shared/api.ts';
import { MEMBER_NAME_MAX } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { ConfirmRemove } from './ConfirmRemove.tsx';

/** A reader link is a viewer of no team, named for where it is posted ("Sales all-hands"). */
export function isReaderLink(member: Member): boolean {
  return member.role === 'viewer' && member.team === 'other';
}

/** Makes a reader link: a viewer member named for the place it is posted. */
export function ReaderLinkForm({ onCreated }: { onCreated: (created: CreateMemberResponse) => void }) {
  const t = useT();
  const api = useApi();
  const id = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setProblem(t('members.reader.nameRequired'));
      return;
    }
    setSending(true);
    setProblem(null);
    try {
      const created = await api.createMember({ name: name.trim(), team: 'other', role: 'viewer' });
      setName('');
      onCreated(created);
    } catch (error) {
      setProblem(describeError(t, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="reader-form" onSubmit={(e) => void submit(e)} aria-label={t('members.reader.create')} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('members.reader.name')}
        </label>
        <input
          id={id}
          className="input"
          value={name}
          maxLength={MEMBER_NAME_MAX}
          placeholder={t('members.reader.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? errorId : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={sending} data-testid="reader-submit">
        {sending ? <LoaderCircle aria-hidden size={16} className="spin" /> : <LinkIcon aria-hidden size={16} />}
        {t('members.reader.create')}
      </button>
      {problem ? (
        <p className="form-error" id={errorId} role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** The reader links in use, each revocable at once. */
export function ReaderLinkList({ readers, onChanged }: { readers: readonly Member[]; onChanged: () => void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const [failure, setFailure] = useState<string | null>(null);
  if (readers.length === 0) return <p className="members__empty">{t('members.reader.empty')}</p>;
  async function revoke(member: Member) {
    setFailure(null);
    try {
      await api.removeMember(member.id);
      onChanged();
    } catch (error) {
      setFailure(describeError(t, error));
    }
  }
  return (
    <>
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
      <ul className="reader-list">
        {readers.map((reader) => (
          <li key={reader.id} className="reader-list__item" data-testid="reader-row" data-member={reader.name}>
            <LinkIcon aria-hidden size={14} />
            <span className="reader-list__name">{reader.name}</span>
            <span className="members__muted">{t('members.reader.made', { when: formatRelative(reader.createdAt, locale) })}</span>
            {reader.active ? null : <span className="pill pill--muted">{t('members.inactive')}</span>}
            <ConfirmRemove name={reader.name} reader onConfirm={() => revoke(reader)} />
          </li>
        ))}
      </ul>
    </>
  );
}
