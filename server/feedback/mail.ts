/**
 * Mail to members (issue 17). The inbox's deliveries that a member wants by mail are queued durably
 * (storage MailQueue): `immediate` ones are sent a few seconds later, gathered per member into one
 * mail; `daily` ones wait for the digest hour. A failed send is tried again with backoff, a bounded
 * number of times. Listening never waits on the mail server: the edit that caused an item is done.
 * Without SMTP_URL there is no Mailer transport and nothing is queued or sent.
 */
import type { SendMailOptions } from 'nodemailer';
import { inboxItemSchema, type InboxItem } from '../../shared/feedback/api.ts';
import { placePath } from '../../shared/feedback/placeLink.ts';
import type { Locale } from '../../shared/locale.ts';
import type { MailConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { MailQueue, MemberRecord, People, QueuedMail } from '../storage/storage.ts';
import type { FeedbackBus, InboxDelivery } from './bus.ts';
import { DueTimer } from './dueTimer.ts';
import { itemSentence, readable, say, type NameOf } from './outgoingText.ts';

export interface MailerOptions {
  /** Null without SMTP_URL: nothing is sent. */
  config: MailConfig | null;
  queue: MailQueue;
  people: People;
  bus: FeedbackBus;
  logger: Logger;
  /** Where links in a mail point: PUBLIC_URL, or the server's address. */
  publicUrl: () => string;
  /** What sends; nodemailer's SMTP transport on config.smtpUrl by default. */
  transport?: MailTransport;
}

/** Members mailed per pass; more wait for the next pass (one right after). */
const MEMBERS_PER_PASS = 20;

/** What sends a mail: nodemailer's transport, or a test's stand-in. */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<unknown>;
  close(): void;
}

/**
 * nodemailer's SMTP transport, loaded with the first mail: a server that never mails (no SMTP_URL,
 * or none due yet) starts without it.
 */
function smtpTransport(url: string): MailTransport {
  let opened: Promise<MailTransport> | null = null;
  const open = () =>
    (opened ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }),
    ));
  return {
    sendMail: async (mail) => (await open()).sendMail(mail),
    close: () => void opened?.then((transport) => transport.close()),
  };
}

export class Mailer {
  readonly #options: MailerOptions;
  readonly #config: MailConfig | null;
  readonly #transport: MailTransport | null;
  #unsubscribe: (() => void) | null = null;
  /** Queue writes in flight, in order. */
  #writes: Promise<void> = Promise.resolve();
  readonly #due: DueTimer;

  constructor(options: MailerOptions) {
    this.#options = options;
    this.#config = options.config;
    this.#transport = options.config
      ? (options.transport ??
        smtpTransport(options.config.smtpUrl))
      : null;
    this.#due = new DueTimer({ nextDueAt: () => options.queue.nextDueAt(), work: () => this.#sendDue(), logger: options.logger, what: 'mail' });
  }

  /** Whether mail can be sent at all (SMTP_URL set): the settings show mail choices only then. */
  get available(): boolean {
    return this.#config !== null;
  }

  /** Listens to the inbox's deliveries and sends what was due while the server was down. */
  start(): void {
    if (!this.#config || this.#unsubscribe) return;
    this.#unsubscribe = this.#options.bus.onInbox((deliveries) => this.#queue(deliveries));
    this.#due.wake();
  }

  /** Sends every daily digest now (tests, or an operator who cannot wait for the hour). */
  async sendDigestNow(): Promise<void> {
    if (!this.#config) return;
    await this.#writes;
    await this.#options.queue.bringForward('daily', new Date().toISOString());
    await this.#due.run();
  }

  /** Waits until what was queued is written and every mail due now has been tried. */
  async flush(): Promise<void> {
    await this.#writes;
    await this.#due.run();
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    // What was heard is stored before the timer stops: a restart sends it.
    await this.#writes;
    await this.#due.close();
    this.#transport?.close();
  }

  #queue(deliveries: readonly InboxDelivery[]): void {
    const config = this.#config;
    if (!config || this.#due.closed) return;
    const now = Date.now();
    const entries = deliveries.flatMap(({ memberId, item, mail }) =>
      mail === null
        ? []
        : [
            {
              memberId,
              itemId: item.id,
              personaId: item.place.personaId,
              mode: mail,
              item: JSON.stringify(item),
              dueAt: new Date(mail === 'immediate' ? now + config.burstMs : nextDigestAt(now, config.digestHour)).toISOString(),
            },
          ],
    );
    if (entries.length === 0) return;
    this.#writes = this.#writes
      .then(() => this.#options.queue.add(entries))
      .then(
        () => this.#due.wake(),
        (err: unknown) => this.#options.logger.error({ err }, 'mail could not be queued'),
      );
  }

  async #sendDue(): Promise<void> {
    const config = this.#config;
    if (!config) return;
    for (;;) {
      const groups = await this.#options.queue.due(new Date().toISOString(), config.burstMs, MEMBERS_PER_PASS);
      if (groups.length === 0 || this.#due.closed) return;
      for (const group of groups) await this.#sendGroup(config, group);
    }
  }

  async #sendGroup(config: MailConfig, group: QueuedMail[]): Promise<void> {
    const { people, queue, logger } = this.#options;
    const seqs = group.map((entry) => entry.seq);
    const memberId = group[0]?.memberId ?? '';
    const member = await people.getMember(memberId);
    const items = group.flatMap((entry) => parseItem(entry.item));
    if (!member || member.removedAt !== null || !member.active || member.email === null || items.length === 0) {
      logger.debug({ memberId }, 'mail dropped: no member with an email to send it to');
      return queue.remove(seqs);
    }
    const names = await this.#names();
    const mail = composeMail({
      locale: config.locale,
      member,
      items,
      digest: group.some((entry) => entry.mode === 'daily'),
      baseUrl: this.#options.publicUrl(),
      nameOf: (id) => names.get(id) ?? null,
    });
    try {
      await this.#transport?.sendMail({ from: config.from, to: member.email, ...mail });
      await queue.remove(seqs);
      logger.info({ memberId, items: items.length }, 'mail sent');
    } catch (err) {
      const attempts = Math.max(...group.map((entry) => entry.attempts)) + 1;
      if (attempts >= config.maxAttempts) {
        logger.error({ err, memberId, attempts }, 'mail given up after repeated failures');
        return queue.remove(seqs);
      }
      const retryAt = new Date(Date.now() + config.retryBaseMs * 4 ** (attempts - 1)).toISOString();
      logger.warn({ err, memberId, attempts, retryAt }, 'mail could not be sent; trying again later');
      await queue.postpone(seqs, retryAt);
    }
  }

  /** Current names, for mentions in excerpts (a former member reads as such). */
  async #names(): Promise<Map<string, string>> {
    const members = await this.#options.people.listMembers();
    return new Map(members.filter((m) => m.removedAt === null).map((m) => [m.id, m.name]));
  }
}

function parseItem(json: string): InboxItem[] {
  try {
    const parsed = inboxItemSchema.safeParse(JSON.parse(json));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [];
  }
}

/** The next digest time after `now`: today at the hour (UTC) if still ahead, else tomorrow's. */
export function nextDigestAt(now: number, hour: number): number {
  const today = new Date(now);
  const at = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hour);
  return at > now ? at : at + 86_400_000;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

interface MailInput {
  locale: Locale;
  member: Pick<MemberRecord, 'name'>;
  items: readonly InboxItem[];
  digest: boolean;
  baseUrl: string;
  nameOf: NameOf;
}

/** One mail for a member: a subject, plain text and HTML with every item and its link. */
export function composeMail({ locale, member, items, digest, baseUrl, nameOf }: MailInput): ComposedMail {
  const entries = items.map((item) => {
    const excerpt = typeof item.detail['excerpt'] === 'string' ? readable(item.detail['excerpt'], nameOf, locale).trim() : '';
    return { sentence: itemSentence(item, locale), excerpt, link: `${baseUrl.replace(/\/+$/, '')}${placePath(item.kind, item.place)}` };
  });
  const [only] = entries;
  const subject = oneLine(
    digest
      ? say(locale, entries.length === 1 ? 'mail.subject.digest.one' : 'mail.subject.digest', { count: entries.length })
      : entries.length === 1 && only
        ? only.sentence
        : say(locale, 'mail.subject.many', { count: entries.length }),
  );
  const hello = say(locale, 'mail.hello', { name: member.name });
  const lead = say(locale, digest ? 'mail.lead.digest' : 'mail.lead');
  const footer = say(locale, 'mail.footer');
  const text = [
    hello,
    '',
    lead,
    '',
    ...entries.flatMap(({ sentence, excerpt, link }) => [`- ${sentence}`, ...(excerpt ? [`  “${excerpt}”`] : []), `  ${say(locale, 'open')}: ${link}`, '']),
    '—',
    footer,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f">`,
    `<p>${escapeHtml(hello)}</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    '<ul style="padding-left:1.2em">',
    ...entries.map(
      ({ sentence, excerpt, link }) =>
        `<li style="margin-bottom:1em"><strong>${escapeHtml(sentence)}</strong>` +
        (excerpt ? `<br><q>${escapeHtml(excerpt)}</q>` : '') +
        `<br><a href="${escapeHtml(link)}">${escapeHtml(say(locale, 'open'))}</a></li>`,
    ),
    '</ul>',
    `<p style="color:#6e6e73;font-size:0.9em">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A header never carries a line break (a name or excerpt with one must not add headers). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}
