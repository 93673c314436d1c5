import { KeyRound, LoaderCircle, Plus } from 'lucide-react';
import { useState } from 'react';
import type { Member, TokenInfo } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { LinkReveal } from './LinkReveal.tsx';
import { ColumnHeads } from './ColumnHeads.tsx';

function When({ iso, never }: { iso: string | null; never: string }) {
  const locale = useLocale();
  if (!iso) return <span className="members__muted">{never}</span>;
  return <time dateTime={iso} title={new Date(iso).toLocaleString(locale)}>{formatRelative(iso, locale)}</time>;
}

/** One member's tokens: each link and sign-in session, when it was made and last used, revocable; and a new link. */
export function MemberTokens({ member }: { member: Member }) {
  const t = useT();
  const api = useApi();
  const [round, setRound] = useState(0);
  const tokens = useFetch(`tokens:${member.id}:${round}`, (signal) => api.listTokens(member.id, signal));
  const [fresh, setFresh] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function act(key: string, action: () => Promise<void>) {
    setBusy(key);
    setFailure(null);
    try {
      await action();
      setRound((n) => n + 1);
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setBusy(null);
    }
  }
  const newLink = () => act('new', async () => setFresh((await api.createToken(member.id)).link));
  const revoke = (token: TokenInfo) => act(token.id, () => api.revokeToken(member.id, token.id));

  return (
    <div className="member-tokens" data-testid="member-tokens">
      <div className="member-tokens__head">
        <h3>
          <KeyRound aria-hidden size={14} /> {t('members.tokens.title', { name: member.name })}
        </h3>
        <button type="button" className="button button--small" disabled={busy !== null || !member.active} onClick={() => void newLink()} data-testid="new-link">
          {busy === 'new' ? <LoaderCircle aria-hidden size={14} className="spin" /> : <Plus aria-hidden size={14} />}
          {t('members.tokens.new')}
        </button>
      </div>
      {fresh ? <LinkReveal name={member.name} link={fresh} onDone={() => setFresh(null)} /> : null}
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
      {tokens.status === 'error' && !tokens.data ? (
        <RetryNotice onRetry={tokens.retry}>{describeError(t, tokens.error)}</RetryNotice>
      ) : !tokens.data ? (
        <p role="status" className="members__muted">
          <LoaderCircle aria-hidden size={14} className="spin" /> {t('common.loading')}
        </p>
      ) : tokens.data.length === 0 ? (
        <p className="members__muted">{t('members.tokens.empty')}</p>
      ) : (
        <table className="member-tokens__table">
          <ColumnHeads
            labels={[
              t('members.tokens.kind'),
              t('members.tokens.created'),
              t('members.tokens.lastUsed'),
              t('members.tokens.expires'),
              t('members.tokens.status'),
            ]}
          />
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id} data-testid="token-row" data-revoked={token.revokedAt !== null}>
                <td>{t(token.kind === 'link' ? 'members.tokens.link' : 'members.tokens.session')}</td>
                <td>
                  <When iso={token.createdAt} never="" />
                </td>
                <td>
                  <When iso={token.lastUsedAt} never={t('members.tokens.neverUsed')} />
                </td>
                <td>
                  <When iso={token.expiresAt} never={t('members.tokens.noExpiry')} />
                </td>
                <td>
                  {token.revokedAt ? (
                    <span className="pill pill--muted">
                      {t('members.tokens.revoked')} <When iso={token.revokedAt} never="" />
                    </span>
                  ) : token.expiresAt && Date.parse(token.expiresAt) < Date.now() ? (
                    <span className="pill pill--muted">{t('members.tokens.expired')}</span>
                  ) : (
                    <span className="pill pill--ok">{t('members.tokens.valid')}</span>
                  )}
                </td>
                <td>
                  {token.revokedAt ? null : (
                    <button type="button" className="button button--small button--ghost button--danger" disabled={busy !== null} onClick={() => void revoke(token)}>
                      {busy === token.id ? <LoaderCircle aria-hidden size={14} className="spin" /> : null}
                      {t('members.tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
