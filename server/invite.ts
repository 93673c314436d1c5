/**
 * `npm run invite -- --name <name> --team marketing|sales|other --role admin|editor|viewer [--email E] [--days N]`:
 * creates a member and prints their personal link as the last line (SPEC §6). Works while the server runs.
 */
import { parseArgs } from 'node:util';
import { createMemberRequestSchema } from '../shared/api.ts';
import { createAccess } from './auth/access.ts';
import { EmailTakenError, inviteMember } from './auth/members.ts';
import { resolveSecret } from './auth/tokens.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openConfiguredStorage } from './server.ts';

const USAGE =
  'Usage: npm run invite -- --name <name> --team marketing|sales|other --role admin|editor|viewer [--email <email>] [--days N]';

class UsageError extends Error {}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        name: { type: 'string' },
        team: { type: 'string' },
        role: { type: 'string' },
        email: { type: 'string' },
        days: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    // An unknown option or a missing value is bad input, as a bad value is (exit code 2).
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function main(): Promise<void> {
  const values = parseOptions();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const days = values.days === undefined ? undefined : Number(values.days);
  const parsed = createMemberRequestSchema.safeParse({
    name: values.name ?? '',
    team: values.team,
    role: values.role,
    ...(values.email !== undefined && { email: values.email }),
    ...(days !== undefined && { days }),
  });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('\n'));
  }
  const config = loadConfig(process.env);
  const storage = await openConfiguredStorage(config);
  try {
    const access = createAccess(resolveSecret(config.authSecret, config.dataDir).secret, storage.people);
    const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
    const { member, link } = await inviteMember(access, storage.people, base, parsed.data);
    const expiry = parsed.data.days === undefined ? 'works until revoked' : `works for ${parsed.data.days} day(s)`;
    process.stdout.write(`${member.name} (${member.team}, ${member.role}) is a member; their personal link ${expiry}:\n${link}\n`);
  } finally {
    await storage.close();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const usage = err instanceof UsageError || err instanceof ConfigError ? `\n${USAGE}` : '';
  process.stderr.write(`${message}${usage}\n`);
  process.exit(err instanceof EmailTakenError || err instanceof UsageError || err instanceof ConfigError ? 2 : 1);
});
