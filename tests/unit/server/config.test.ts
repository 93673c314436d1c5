import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      authSecret: null,
      publicUrl: null,
      allowedOrigins: null,
      maxMessageBytes: 5_242_880,
      maxBufferedBytes: 16_777_216,
      unloadAfterMs: 10_000,
      checkpointEveryMs: 300_000,
      sqliteSynchronous: 'FULL',
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/tandem',
      AUTH_SECRET: 's'.repeat(40),
      PUBLIC_URL: 'https://tandem.example.com/',
      ALLOWED_ORIGINS: 'https://a.example.com, https://b.example.com',
      MAX_MESSAGE_BYTES: '2048',
      MAX_BUFFERED_BYTES: '4096',
      UNLOAD_AFTER_MS: '0',
      SQLITE_SYNCHRONOUS: 'NORMAL',
    });
    expect(config.sqliteSynchronous).toBe('NORMAL');
    expect(config.port).toBe(0);
    expect(config.publicUrl).toBe('https://tandem.example.com');
    expect([...(config.allowedOrigins ?? [])]).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.maxMessageBytes).toBe(2048);
    expect(config.unloadAfterMs).toBe(0);
  });

  it('names every bad variable in one clear error', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        AUTH_SECRET: 'short',
        ALLOWED_ORIGINS: 'not a url',
        MAX_MESSAGE_BYTES: '-1',
        SQLITE_SYNCHRONOUS: 'OFF',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT must be a whole number/);
    expect(attempt).toThrow(/AUTH_SECRET must be at least 32 characters/);
    expect(attempt).toThrow(/ALLOWED_ORIGINS/);
    expect(attempt).toThrow(/MAX_MESSAGE_BYTES/);
    expect(attempt).toThrow(/SQLITE_SYNCHRONOUS must be FULL or NORMAL/);
  });

  it('[§9] reads DATABASE_URL as a PostgreSQL URL, null when unset or empty, and refuses anything else without echoing it', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: ' ' }).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://tandem:pw@db.internal:5432/tandem' }).databaseUrl).toBe('postgres://tandem:pw@db.internal:5432/tandem');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/tandem' }).databaseUrl).toBe('postgresql://db/tandem');
    for (const bad of ['mysql://u:secret@db/tandem', 'postgres://u:secret@db', 'not a url secret']) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
      expect(() => loadConfig({ DATABASE_URL: bad })).not.toThrow(/secret/);
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be at most 65535/);
  });

  it('reads TRUST_PROXY as addresses and CIDR blocks, unset or empty as none', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' ' }).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      { address: '127.0.0.1', prefix: 32, family: 'ipv4' },
      { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
      { address: 'fd00::', prefix: 8, family: 'ipv6' },
    ]);
    expect(() => loadConfig({ TRUST_PROXY: '127.0.0.1, nginx.internal' })).toThrow(/TRUST_PROXY.*nginx\.internal/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(ConfigError);
  });

  it('mails only with SMTP_URL and MAIL_FROM together, and says so clearly otherwise', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(loadConfig({ SMTP_URL: '' }).mail).toBeNull();
    const config = loadConfig({ SMTP_URL: 'smtps://tandem:pw@mail.example.com:465', MAIL_FROM: 'Tandem <tandem@example.com>', DIGEST_HOUR: '7', MAIL_LOCALE: 'es' });
    expect(config.mail).toMatchObject({ smtpUrl: 'smtps://tandem:pw@mail.example.com:465', from: 'Tandem <tandem@example.com>', digestHour: 7, locale: 'es' });
    expect(config.outgoingLocale).toBe('es');
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/MAIL_FROM: not set, but SMTP_URL is/);
    expect(() => loadConfig({ MAIL_FROM: 'tandem@example.com' })).toThrow(/MAIL_FROM: needs SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'tandem@example.com' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM must be an address/);
    expect(() => loadConfig({ DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR must be at most 23/);
    expect(() => loadConfig({ MAIL_LOCALE: 'fr' })).toThrow(/MAIL_LOCALE must be one of en, es/);
  });

  it('never repeats the SMTP password in its error', () => {
    expect(() => loadConfig({ SMTP_URL: 'ftp://user:hunter2@mail.example.com', MAIL_FROM: 'x@example.com' })).toThrow(/^(?![\s\S]*hunter2)/);
  });
});
