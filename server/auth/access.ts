// Who is behind a token: a member (their record read at every use) or the unnamed Operator (SPEC §3, §6).
import { randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { SignJWT } from 'jose/jwt/sign';
import { jwtVerify } from 'jose/jwt/verify';
import type { OperatorRole, Role } from '../../shared/protocol.ts';
import { OPERATOR_ROLES } from '../../shared/protocol.ts';
import type { MemberRecord, People, TokenRecord } from '../storage/storage.ts';

/** A member acting through one of their tokens. */
export interface MemberPrincipal {
  readonly kind: 'member';
  readonly member: MemberRecord;
  readonly tokenId: string;
  /** When the token stops working (epoch ms); null when it works until revoked. */
  readonly expiresAt: number | null;
}

/** Whoever holds AUTH_SECRET, acting with a role and no team. */
export interface OperatorPrincipal {
  readonly kind: 'operator';
  readonly role: OperatorRole;
  readonly expiresAt: number | null;
}

export type Principal = MemberPrincipal | OperatorPrincipal;

export const roleOf = (principal: Principal): Role => (principal.kind === 'member' ? principal.member.role : principal.role);

/** What changed about a member: their open sockets are checked again at once. */
export type MemberChangeListener = (memberId: string) => void;

export interface IssuedToken {
  token: string;
  record: TokenRecord;
}

export interface Access {
  /** The principal behind a token; null for a missing, forged, expired or revoked one, or a removed or inactive member. */
  authenticate(token: string | null | undefined): Promise<Principal | null>;
  /**
   * A fresh token for a member (recorded, so it can be listed and revoked); `expiresInMs`, finer
   * than `days`, is for tests of expiry.
   */
  issueMemberToken(memberId: string, options?: { days?: number; expiresInMs?: number; kind?: TokenRecord['kind'] }): Promise<IssuedToken>;
  /** An operator token: for scripts and tests; the product never hands one out. */
  issueOperatorToken(role: OperatorRole, options?: { expiresInSeconds?: number }): Promise<string>;
  /** Whether this member's token still works (not revoked, not expired, member active). */
  stillValid(principal: Principal): Promise<Principal | null>;
  onMemberChange(listener: MemberChangeListener): () => void;
  /** Tells every listener that a member's record or tokens changed. */
  memberChanged(memberId: string): void;
}

const DAY_MS = 86_400_000;
/** A token's last use is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;
/**
 * How many tokens whose signature checked out are remembered: a person opening many personas
 * sends the same token on every socket, and its HMAC through WebCrypto was a tenth of the
 * server's time when 1,000 were opened at once. The record behind it is still read every time.
 */
const VERIFIED_TOKENS = 1_000;

/** 12 URL-safe characters, as persona ids. */
export const newId = (): string => randomBytes(9).toString('base64url');

/**
 * An operator token (SPEC §3): no `sub`, a role, an optional expiry. Only whoever holds the secret
 * can make one: scripts, imports from other systems, tests and benchmarks.
 */
export function signOperatorToken(secret: Uint8Array, role: OperatorRole, options: { expiresInSeconds?: number; now?: number } = {}): Promise<string> {
  const jwt = new SignJWT({ role }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt();
  if (options.expiresInSeconds !== undefined) {
    jwt.setExpirationTime(Math.floor((options.now ?? Date.now()) / 1000) + options.expiresInSeconds);
  }
  return jwt.sign(secret);
}

export function createAccess(secret: Uint8Array, people: People, now: () => number = Date.now): Access {
  const listeners = new Set<MemberChangeListener>();
  const lastTouched = new Map<string, number>();
  const verified = new Map<string, JWTPayload>();

  async function verifyJwt(token: string): Promise<JWTPayload | null> {
    const known = verified.get(token);
    // jose's own rule: expired once `exp` is not after the current second.
    if (known) return known.exp === undefined || known.exp > Math.floor(Date.now() / 1000) ? known : null;
    let payload: JWTPayload;
    try {
      payload = (await jwtVerify(token, secret, { algorithms: ['HS256'] })).payload;
    } catch {
      return null;
    }
    if (verified.size >= VERIFIED_TOKENS) verified.clear();
    verified.set(token, payload);
    return payload;
  }

  async function memberPrincipal(memberId: string, tokenId: string): Promise<MemberPrincipal | null> {
    const [member, record] = await Promise.all([people.getMember(memberId), people.getToken(tokenId)]);
    if (!member || !member.active || !record || record.memberId !== memberId || record.revokedAt !== null) return null;
    const expiresAt = record.expiresAt === null ? null : Date.parse(record.expiresAt);
    if (expiresAt !== null && expiresAt <= now()) return null;
    return { kind: 'member', member, tokenId, expiresAt };
  }

  function touch(tokenId: string): void {
    const at = now();
    if (at - (lastTouched.get(tokenId) ?? 0) < TOUCH_EVERY_MS) return;
    lastTouched.set(tokenId, at);
    // Best effort: a failed note of the last use must not refuse the request.
    people.touchToken(tokenId, new Date(at).toISOString()).catch(() => lastTouched.delete(tokenId));
  }

  return {
    async authenticate(token) {
      if (!token) return null;
      const payload = await verifyJwt(token);
      if (!payload) return null;
      const expiresAt = payload.exp === undefined ? null : payload.exp * 1000;
      if (payload.sub !== undefined) {
        if (typeof payload.jti !== 'string') return null;
        const principal = await memberPrincipal(payload.sub, payload.jti);
        if (principal) touch(principal.tokenId);
        return principal;
      }
      const role = payload['role'];
      if (!(OPERATOR_ROLES as readonly unknown[]).includes(role)) return null;
      return { kind: 'operator', role: role as OperatorRole, expiresAt };
    },

    async issueMemberToken(memberId, { days, expiresInMs = days === undefined ? undefined : days * DAY_MS, kind = 'link' } = {}) {
      const createdAt = now();
      const expiresAt = expiresInMs === undefined ? null : createdAt + expiresInMs;
      const record: TokenRecord = {
        id: newId(),
        memberId,
        kind,
        createdAt: new Date(createdAt).toISOString(),
        expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await people.addToken(record);
      const jwt = new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(memberId)
        .setJti(record.id)
        .setIssuedAt(Math.floor(createdAt / 1000));
      if (expiresAt !== null) jwt.setExpirationTime(Math.ceil(expiresAt / 1000));
      return { token: await jwt.sign(secret), record };
    },

    issueOperatorToken(role, options = {}) {
      return signOperatorToken(secret, role, { ...options, now: now() });
    },

    async stillValid(principal) {
      if (principal.kind === 'operator') {
        return principal.expiresAt !== null && principal.expiresAt <= now() ? null : principal;
      }
      return memberPrincipal(principal.member.id, principal.tokenId);
    },

    onMemberChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    memberChanged(memberId) {
      for (const listener of listeners) listener(memberId);
    },
  };
}
