import type { Config } from '../config.ts';

/**
 * Whether the server can send mail: only with an SMTP server configured (`smtpUrl`, SMTP_URL).
 * Read through this one function so the settings and the inbox agree, whatever config carries.
 */
export function mailAvailable(config: Config): boolean {
  const { smtpUrl } = config as Config & { smtpUrl?: unknown };
  return typeof smtpUrl === 'string' && smtpUrl !== '';
}
