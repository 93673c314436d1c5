/** `npm run invite -- --role viewer|editor [--days N]`: prints an access link. */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../shared/protocol.ts';
import { createTokenIssuer, resolveSecret } from './auth/tokens.ts';
import { ConfigError, loadConfig } from './config.ts';

const USAGE = 'Usage: npm run invite -- --role viewer|editor [--days N]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new UsageError('--role must be viewer or editor');
  let expiresInSeconds: number | undefined;
  if (values.days !== undefined) {
    const days = Number(values.days);
    if (!Number.isFinite(days) || days <= 0 || days > 3650) throw new UsageError('--days must be a number from 1 to 3650');
    expiresInSeconds = Math.round(days * 86_400);
  }
  const config = loadConfig(process.env);
  const issuer = createTokenIssuer(resolveSecret(config.authSecret, config.dataDir).secret);
  const token = await issuer.issue(role, expiresInSeconds === undefined ? {} : { expiresInSeconds });
  const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const expiry = expiresInSeconds === undefined ? 'never expires' : `expires in ${values.days} day(s)`;
  process.stdout.write(`${role} link (${expiry}):\n${base}/?token=${token}\n`);
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${message}\n${err instanceof UsageError || err instanceof ConfigError ? USAGE : ''}\n`);
  process.exit(2);
});
