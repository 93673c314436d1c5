/**
 * Sign-offs gone stale (issue 17): after edits to a section settle, the sign-offs whose fingerprint
 * no longer matches the section are told once each, as a `signoff-stale` event naming who had
 * signed (read from the activity, which the server attributed), never from a name in the document.
 */
import type * as Y from 'yjs';
import { SIDES, isSectionKey, signoffKey } from '../../shared/persona/schema.ts';
import { readStoredSignoffs, sectionFingerprint } from '../../shared/persona/signoff.ts';
import type { SectionKey, Side } from '../../shared/persona/types.ts';
import type { ActivityRecorder } from '../activity/recorder.ts';
import type { PeerIdentity } from '../collab/peer.ts';
import type { Logger } from '../logger.ts';
import type { Activity } from '../storage/storage.ts';
import type { FeedbackBus } from './bus.ts';

/** Edits settle for this long before the sign-offs are compared: typing is not checked per keystroke. */
const SETTLE_MS = 3_000;
/** How far back the activity is read for who signed. */
const SIGNERS_LOOKBACK = 1_000;
const SECTION_ROOT = 'section:';

export interface StaleSignoffWatchOptions {
  bus: FeedbackBus;
  recorder: ActivityRecorder;
  activity: Activity;
  logger: Logger;
  settleMs?: number;
}

interface Pending {
  doc: Y.Doc;
  sections: Set<SectionKey>;
  actorId: string | null;
  timer: NodeJS.Timeout;
}

export class StaleSignoffWatch {
  readonly #options: StaleSignoffWatchOptions;
  readonly #pending = new Map<string, Pending>();
  /** Sign-offs already told stale: persona, key and when it was signed. */
  readonly #told = new Set<string>();
  #checking: Promise<void> = Promise.resolve();

  constructor(options: StaleSignoffWatchOptions) {
    this.#options = options;
  }

  /** Notes the sections a peer's transaction changed (the room calls this after each). */
  peerChanged = (personaId: string, identity: PeerIdentity, doc: Y.Doc, transaction: Y.Transaction): void => {
    const sections = changedSections(doc, transaction);
    if (sections.length === 0) return;
    let pending = this.#pending.get(personaId);
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => this.#settle(personaId), this.#options.settleMs ?? SETTLE_MS);
    pending = { doc, sections: new Set([...(pending?.sections ?? []), ...sections]), actorId: identity.member?.id ?? null, timer };
    this.#pending.set(personaId, pending);
  };

  /** Checks what is pending now; resolves when every check is done. */
  async close(): Promise<void> {
    for (const personaId of [...this.#pending.keys()]) this.#settle(personaId);
    await this.#checking;
  }

  #settle(personaId: string): void {
    const pending = this.#pending.get(personaId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(personaId);
    this.#checking = this.#checking.then(() =>
      this.#check(personaId, pending).catch((err: unknown) => this.#options.logger.error({ err, personaId }, 'could not check sign-offs for staleness')),
    );
  }

  async #check(personaId: string, { doc, sections, actorId }: Pending): Promise<void> {
    const stored = readStoredSignoffs(doc);
    const stale: { section: SectionKey; sides: Side[]; keys: string[] }[] = [];
    for (const section of sections) {
      const fingerprint = sectionFingerprint(doc, section);
      const sides = SIDES.filter((side) => {
        const signoff = stored[signoffKey(section, side)];
        return signoff !== undefined && signoff.fingerprint !== fingerprint && !this.#told.has(`${personaId}\u0000${signoffKey(section, side)}\u0000${signoff.at}`);
      });
      if (sides.length > 0) stale.push({ section, sides, keys: sides.map((side) => `${signoffKey(section, side)}\u0000${stored[signoffKey(section, side)]?.at ?? ''}`) });
    }
    if (stale.length === 0) return;
    await this.#options.recorder.flush();
    const events = await this.#options.activity.list(personaId, { limit: SIGNERS_LOOKBACK });
    for (const { section, sides, keys } of stale) {
      for (const key of keys) this.#told.add(`${personaId}\u0000${key}`);
      const signers = sides.flatMap((side) => {
        const signed = events.find((event) => event.type === 'signed-off' && event.detail.key === signoffKey(section, side));
        return signed?.memberId ? [signed.memberId] : [];
      });
      this.#options.bus.emit({
        type: 'signoff-stale',
        personaId,
        at: new Date().toISOString(),
        actorId,
        // The key makes the item once per sign-off, across restarts of the server too.
        detail: { section, sides, signers, dedupeKey: keys.join('\u0001') },
      });
    }
  }
}

/** The sections whose content a transaction changed. */
function changedSections(doc: Y.Doc, transaction: Y.Transaction): SectionKey[] {
  const roots = new Map<unknown, string>();
  for (const [name, type] of doc.share) if (name.startsWith(SECTION_ROOT)) roots.set(type, name.slice(SECTION_ROOT.length));
  if (roots.size === 0) return [];
  const found = new Set<SectionKey>();
  for (const changed of transaction.changed.keys()) {
    let type: Y.AbstractType<unknown> = changed as Y.AbstractType<unknown>;
    while (type.parent !== null) type = type.parent as Y.AbstractType<unknown>;
    const section = roots.get(type);
    if (isSectionKey(section)) found.add(section);
  }
  return [...found];
}
