import { LoaderCircle, UserPlus } from 'lucide-react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { CreateMemberResponse, Team } from '../../../../shared/api.ts';
import { MEMBER_EMAIL_MAX, MEMBER_NAME_MAX, TEAMS, teamFitsRole } from '../../../../shared/api.ts';
import type { Role } from '../../../../shared/protocol.ts';
import { ROLES } from '../../../../shared/protocol.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useT } from '../../i18n/index.ts';

/** Invites a person (name, team, role, optional email); the caller shows their link, once. */
export function InviteForm({ onInvited }: { onInvited: (invited: CreateMemberResponse) => void }) {
  const t = useT();
  const api = useApi();
  const ids = { name: useId(), team: useId(), role: useId(), email: useId(), error: useId() };
  const [name, setName] = useState('');
  const [team, setTeam] = useState<Team>('marketing');
  const [role, setRole] = useState<Role>('editor');
  const [email, setEmail] = useState('');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const nameMissing = name.trim() === '';
  const teamWrong = !teamFitsRole(team, role);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (nameMissing || teamWrong) return;
    setSending(true);
    setFailure(null);
    try {
      const trimmed = email.trim();
      const invited = await api.createMember({ name: name.trim(), team, role, ...(trimmed ? { email: trimmed } : {}) });
      setName('');
      setEmail('');
      setTried(false);
      onInvited(invited);
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setSending(false);
    }
  }

  const problem = tried && nameMissing ? t('members.invite.nameRequired') : teamWrong ? t('members.invite.editorTeam') : failure;
  return (
    <form className="invite-form" onSubmit={(e) => void submit(e)} aria-label={t('members.invite.title')} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={ids.name}>
          {t('members.field.name')}
        </label>
        <input
          id={ids.name}
          className="input"
          value={name}
          maxLength={MEMBER_NAME_MAX}
          placeholder={t('members.field.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={tried && nameMissing}
          aria-describedby={problem ? ids.error : undefined}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.role}>
          {t('members.field.role')}
        </label>
        <select id={ids.role} className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.team}>
          {t('members.field.team')}
        </label>
        <select
          id={ids.team}
          className="input"
          value={team}
          onChange={(e) => setTeam(e.target.value as Team)}
          aria-invalid={teamWrong}
          aria-describedby={teamWrong ? ids.error : undefined}
        >
          {TEAMS.map((option) => (
            <option key={option} value={option}>
              {t(`team.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.email}>
          {t('members.field.email')} <span className="field__optional">{t('members.field.optional')}</span>
        </label>
        <input
          id={ids.email}
          className="input"
          type="email"
          value={email}
          maxLength={MEMBER_EMAIL_MAX}
          placeholder={t('members.field.emailPlaceholder')}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="invite-form__actions">
        <button type="submit" className="button button--primary" disabled={sending || teamWrong} data-testid="invite-submit">
          {sending ? <LoaderCircle aria-hidden size={16} className="spin" /> : <UserPlus aria-hidden size={16} />}
          {t(sending ? 'members.invite.sending' : 'members.invite.submit')}
        </button>
        {problem ? (
          <p className="form-error" id={ids.error} role="alert">
            {problem}
          </p>
        ) : (
          <p className="invite-form__hint">{t('members.invite.hint')}</p>
        )}
      </div>
    </form>
  );
}
