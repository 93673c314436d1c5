import { ChevronDown, ChevronRight, LoaderCircle, Power, PowerOff } from 'lucide-react';
import { useId, useState } from 'react';
import type { Member, Team, UpdateMemberRequest } from '../../../../shared/api.ts';
import { TEAMS, teamFitsRole } from '../../../../shared/api.ts';
import type { Role } from '../../../../shared/protocol.ts';
import { ROLES } from '../../../../shared/protocol.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useT } from '../../i18n/index.ts';
import { ConfirmRemove } from './ConfirmRemove.tsx';
import { MemberTokens } from './MemberTokens.tsx';

export interface MemberRowProps {
  member: Member;
  /** The admin looking at the page: they may not lock themself out from here. */
  isSelf: boolean;
  /** The server changed the list: load it again. */
  onChanged: () => void;
}

/** One person: name, team and role (changed in place), email, active; their links; deactivate, remove. */
export function MemberRow({ member, isSelf, onChanged }: MemberRowProps) {
  const t = useT();
  const api = useApi();
  const tokensId = useId();
  const [showTokens, setShowTokens] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function change(patch: UpdateMemberRequest) {
    setBusy(true);
    setFailure(null);
    try {
      await api.updateMember(member.id, patch);
      onChanged();
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    try {
      await api.removeMember(member.id);
      onChanged();
    } catch (error) {
      setFailure(describeError(t, error));
    }
  }

  return (
    <>
      <tr className="member-row" data-testid="member-row" data-member={member.name} data-active={member.active}>
        <th scope="row">
          <button
            type="button"
            className="member-row__toggle"
            aria-expanded={showTokens}
            aria-controls={tokensId}
            onClick={() => setShowTokens((v) => !v)}
            title={t('members.tokens.show', { name: member.name })}
          >
            {showTokens ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
            <span className="member-row__name">{member.name}</span>
          </button>
          {isSelf ? <span className="members__muted"> {t('presence.you')}</span> : null}
        </th>
        <td>
          <select
            className="input input--compact"
            aria-label={t('members.field.teamOf', { name: member.name })}
            value={member.team}
            disabled={busy}
            onChange={(e) => void change({ team: e.target.value as Team })}
          >
            {TEAMS.map((team) => (
              <option key={team} value={team} disabled={!teamFitsRole(team, member.role)}>
                {t(`team.${team}`)}
              </option>
            ))}
          </select>
        </td>
        <td>
          <select
            className="input input--compact"
            aria-label={t('members.field.roleOf', { name: member.name })}
            value={member.role}
            disabled={busy || isSelf}
            onChange={(e) => void change({ role: e.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role} disabled={!teamFitsRole(member.team, role)}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </td>
        <td className="member-row__email">{member.email ?? <span className="members__muted">{t('members.noEmail')}</span>}</td>
        <td>
          <span className={member.active ? 'pill pill--ok' : 'pill pill--muted'}>{t(member.active ? 'members.active' : 'members.inactive')}</span>
        </td>
        <td>
          <div className="member-row__actions">
            {busy ? <LoaderCircle aria-hidden size={14} className="spin" /> : null}
            {isSelf ? null : (
              <>
                <button
                  type="button"
                  className="button button--small button--ghost"
                  disabled={busy}
                  onClick={() => void change({ active: !member.active })}
                  aria-label={t(member.active ? 'members.deactivate.label' : 'members.activate.label', { name: member.name })}
                >
                  {member.active ? <PowerOff aria-hidden size={14} /> : <Power aria-hidden size={14} />}
                  {t(member.active ? 'members.deactivate' : 'members.activate')}
                </button>
                <ConfirmRemove name={member.name} onConfirm={remove} />
              </>
            )}
          </div>
        </td>
      </tr>
      {failure ? (
        <tr>
          <td colSpan={6}>
            <p className="form-error" role="alert">
              {failure}
            </p>
          </td>
        </tr>
      ) : null}
      {showTokens ? (
        <tr id={tokensId} className="member-row__tokens">
          <td colSpan={6}>
            <MemberTokens member={member} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
