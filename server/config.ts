import { resolve } from 'node:path';
import { z } from 'zod';
import { parseProxyEntry, type ProxyEntry } from './http/clientAddress.ts';
import { LOCALES, type Locale } from '../shared/locale.ts';

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .default(fallback);

const origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, 'each ALLOWED_ORIGINS entry must be an origin such as https://tandem.example.com');

/** An env var set to nothing (`OIDC_ISSUER=` in a compose file) counts as unset. */
const optionalText = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().optional());

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An issuer is reached over HTTPS; plain HTTP only on this machine (a provider started by tests or a dev). */
const issuerUrl = z
  .url('OIDC_ISSUER must be an absolute URL')
  .refine((value) => {
    if (!URL.canParse(value)) return true; // z.url has said so
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'OIDC_ISSUER must use https (http only for localhost)');

const emailDomain = z
  .string()
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'each OIDC_ALLOWED_DOMAINS entry must be an email domain such as example.com'));

const proxyEntry = z
  .string()
  .transform((value, ctx) => {
    const entry = parseProxyEntry(value);
    if (entry) return entry;
    ctx.addIssue({ code: 'custom', message: `each TRUST_PROXY entry must be an IP address or a CIDR block such as 10.0.0.0/8 (got "${value}")` });
    return z.NEVER;
  });
/** A mail server as nodemailer takes it: smtp://user:pass@host:port or smtps://…; never echoed (it may hold a password). */
const smtpUrl = z.string().refine((value) => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
}, 'SMTP_URL must be an smtp:// or smtps:// address such as smtps://user:password@mail.example.com:465');

/** `tandem@example.com` or `Tandem <tandem@example.com>`. */
const mailFrom = z
  .string()
  .regex(/^(?:[^<>\r\n]{0,100}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'MAIL_FROM must be an address such as Tandem <tandem@example.com>');
/** A PostgreSQL connection URL (SPEC §9); its password is never echoed in an error. */
const databaseUrl = z.string().refine((value) => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && (url.hostname !== '' || url.searchParams.has('host')) && url.pathname.length > 1;
}, 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/tandem');

const envSchema = z.object({
  PORT: integer('PORT', 0, 65_535, 8080),
  HOST: z.string().trim().min(1, 'HOST must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR must not be empty').default('./data'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  PUBLIC_URL: z.url('PUBLIC_URL must be an absolute URL').optional(),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(origin))
    .optional(),
  MAX_MESSAGE_BYTES: integer('MAX_MESSAGE_BYTES', 1024, 1 << 30, 5_242_880),
  MAX_BUFFERED_BYTES: integer('MAX_BUFFERED_BYTES', 1024, 1 << 30, 16_777_216),
  MAX_DOCUMENT_BYTES: integer('MAX_DOCUMENT_BYTES', 1024, 2 ** 40, 67_108_864),
  UNLOAD_AFTER_MS: integer('UNLOAD_AFTER_MS', 0, 86_400_000, 10_000),
  CHECKPOINT_EVERY_MS: integer('CHECKPOINT_EVERY_MS', 100, 86_400_000, 300_000),
  MAX_CONNECTIONS_PER_ADDRESS: integer('MAX_CONNECTIONS_PER_ADDRESS', 1, 1_000_000, 1_000),
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(proxyEntry))
      .optional(),
  ),
  // SPEC §7: 30 days (shared/api.ts TRASH_RETENTION_DAYS, which the interface quotes).
  TRASH_RETENTION_DAYS: integer('TRASH_RETENTION_DAYS', 0, 3650, 30),
  TRASH_SWEEP_INTERVAL_MS: integer('TRASH_SWEEP_INTERVAL_MS', 10, 86_400_000, 3_600_000),
  DATABASE_URL: optionalText.pipe(databaseUrl.optional()),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL'], 'SQLITE_SYNCHRONOUS must be FULL or NORMAL').default('FULL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIR: z.string().trim().min(1).optional(),
  OIDC_ISSUER: optionalText.pipe(issuerUrl.optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_ALLOWED_DOMAINS: optionalText.pipe(
    z
      .string()
      .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(emailDomain))
      .optional(),
  ),
  SMTP_URL: optionalText.pipe(smtpUrl.optional()),
  MAIL_FROM: optionalText.pipe(mailFrom.optional()),
  DIGEST_HOUR: integer('DIGEST_HOUR', 0, 23, 8),
  MAIL_LOCALE: z.enum(LOCALES, `MAIL_LOCALE must be one of ${LOCALES.join(', ')}`).default('en'),
});

const OIDC_TRIO = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Per-connection budgets (S7): token buckets, well above honest heavy use. */
export interface RateLimits {
  messagesBurst: number;
  messagesPerSecond: number;
  awarenessBurst: number;
  awarenessPerSecond: number;
}

/** Byte budgets of presence (issue 14), per state and per socket; far above a tab's few hundred bytes. */
export interface PresenceLimits {
  /** The largest state JSON one client may publish. */
  maxStateBytes: number;
  /** The most bytes of state one socket may hold in the room at once (all its clients). */
  maxSocketBytes: number;
  /** Bytes of awareness messages a socket may send in a burst, refilled at bytesPerSecond. */
  bytesBurst: number;
  bytesPerSecond: number;
}

export const DEFAULT_PRESENCE_LIMITS: PresenceLimits = {
  maxStateBytes: 64 * 1024,
  maxSocketBytes: 256 * 1024,
  bytesBurst: 1024 * 1024,
  bytesPerSecond: 256 * 1024,
};

/** Mail to members (issue 17): set only with SMTP_URL; without it nothing is ever sent. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** The hour (UTC, 0–23) the daily digest goes out. */
  digestHour: number;
  /** The language of mails and of the text webhooks carry for Slack and Teams. */
  locale: Locale;
  /** A member's mails within this long of the first go out as one. */
  burstMs: number;
  /** The first retry after a failed send; each next one waits four times longer. */
  retryBaseMs: number;
  /** Sends tried before a mail is given up (logged). */
  maxAttempts: number;
}

/** Outgoing webhooks (issue 17): how long a receiver is waited for, and how often it is tried. */
export interface WebhookConfig {
  timeoutMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** Finished deliveries kept per hook for its log. */
  keepDeliveries: number;
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = { timeoutMs: 10_000, retryBaseMs: 30_000, maxAttempts: 6, keepDeliveries: 50 };

/** Sign-in through the company's OpenID Connect provider (authorization code with PKCE). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Email domains whose people, when not invited, join as viewers; empty: invited members only. */
  allowedDomains: readonly string[];
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set only when AUTH_SECRET is given; otherwise a secret is generated into dataDir. */
  authSecret: string | null;
  publicUrl: string | null;
  allowedOrigins: ReadonlySet<string> | null;
  maxMessageBytes: number;
  maxBufferedBytes: number;
  /** The most a persona's stored document may hold (its state plus the updates since); more is refused with 4413. */
  maxDocumentBytes: number;
  unloadAfterMs: number;
  /** A checkpoint of a changed draft is taken at most this long after its first change since the last one (SPEC §7). */
  checkpointEveryMs: number;
  maxConnectionsPerAddress: number;
  /** Proxies whose X-Forwarded-For names the client that per-address limits count (TRUST_PROXY); empty: none. */
  trustProxy: readonly ProxyEntry[];
  /** PostgreSQL keeps everything instead of the SQLite file in dataDir (SPEC §9); null: SQLite. */
  databaseUrl: string | null;
  /** FULL: a commit survives a power cut; NORMAL: it survives the process being killed (S5), with less latency. */
  sqliteSynchronous: SqliteSynchronous;
  logLevel: string;
  /** The built client served at /; absent in development and tests. */
  clientDir: string;
  rateLimits: RateLimits;
  presenceLimits: PresenceLimits;
  /** Compact a loaded persona's log once it holds this many updates. */
  compactEvery: number;
  /** Null when sign-in through an identity provider is off (the OIDC_* variables unset). */
  oidc: OidcConfig | null;
  /** A persona in the trash is erased this many days after it was put there (SPEC §7: 30). */
  trashRetentionDays: number;
  /** How often the trash is looked through for personas due to be erased (and once at start). */
  trashSweepIntervalMs: number;
  /** Null when SMTP_URL is unset: no mail. */
  mail: MailConfig | null;
  /** The language outgoing text is written in (MAIL_LOCALE), with or without mail. */
  outgoingLocale: Locale;
  webhooks: WebhookConfig;
}

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  messagesBurst: 50_000,
  messagesPerSecond: 5_000,
  awarenessBurst: 2_000,
  awarenessPerSecond: 200,
};

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    authSecret: e.AUTH_SECRET ?? null,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    allowedOrigins: e.ALLOWED_ORIGINS ? new Set(e.ALLOWED_ORIGINS) : null,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxBufferedBytes: e.MAX_BUFFERED_BYTES,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    unloadAfterMs: e.UNLOAD_AFTER_MS,
    checkpointEveryMs: e.CHECKPOINT_EVERY_MS,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    trustProxy: e.TRUST_PROXY ?? [],
    databaseUrl: e.DATABASE_URL ?? null,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    logLevel: e.LOG_LEVEL,
    clientDir: resolve(e.CLIENT_DIR ?? 'dist/client'),
    rateLimits: DEFAULT_RATE_LIMITS,
    presenceLimits: DEFAULT_PRESENCE_LIMITS,
    compactEvery: 1_000,
    oidc: oidcConfig(e),
    trashRetentionDays: e.TRASH_RETENTION_DAYS,
    trashSweepIntervalMs: e.TRASH_SWEEP_INTERVAL_MS,
    mail: mailConfig(e),
    outgoingLocale: e.MAIL_LOCALE,
    webhooks: DEFAULT_WEBHOOK_CONFIG,
  };
}

/** Mail needs both a server and a sender: MAIL_FROM alone, or SMTP_URL alone, is a mistake worth stopping for. */
function mailConfig(e: Env): MailConfig | null {
  if (e.SMTP_URL === undefined) {
    if (e.MAIL_FROM === undefined) return null;
    throw new ConfigError('Invalid configuration:\n- MAIL_FROM: needs SMTP_URL (the mail server to send through)');
  }
  if (e.MAIL_FROM === undefined) {
    throw new ConfigError('Invalid configuration:\n- MAIL_FROM: not set, but SMTP_URL is; set the address mail comes from, such as Tandem <tandem@example.com>');
  }
  return {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    digestHour: e.DIGEST_HOUR,
    locale: e.MAIL_LOCALE,
    burstMs: 5_000,
    retryBaseMs: 30_000,
    maxAttempts: 5,
  };
}

type Env = z.infer<typeof envSchema>;

/** All three OIDC variables or none: half a configuration is a mistake worth stopping for. */
function oidcConfig(e: Env): OidcConfig | null {
  const missing = OIDC_TRIO.filter((name) => e[name] === undefined);
  if (missing.length === OIDC_TRIO.length) {
    if (e.OIDC_ALLOWED_DOMAINS === undefined) return null;
    throw new ConfigError('Invalid configuration:\n- OIDC_ALLOWED_DOMAINS: needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (sign-in with your identity provider)');
  }
  if (missing.length > 0 || e.OIDC_ISSUER === undefined || e.OIDC_CLIENT_ID === undefined || e.OIDC_CLIENT_SECRET === undefined) {
    throw new ConfigError(
      `Invalid configuration:\n- ${missing.join(', ')}: not set, but OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together; set all three to sign in with your identity provider, or none`,
    );
  }
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    allowedDomains: e.OIDC_ALLOWED_DOMAINS ?? [],
  };
}
