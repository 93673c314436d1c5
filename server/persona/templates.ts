// Persona creation on the server (S3): a template is written once, here, never by a client.
import * as Y from 'yjs';
import type { TemplateName } from '../../shared/api.ts';
import { getProfile } from '../../shared/persona/index.ts';
import type { Profile } from '../../shared/persona/index.ts';

export type { TemplateName };
export type TemplateLanguage = 'en' | 'es';

export interface PersonaStateOptions {
  template: TemplateName;
  /** The language of the template's default name (default English). */
  language?: TemplateLanguage;
  /** Goes to `profile.name`; blank or missing uses the template's default. */
  name?: string;
  now: Date;
}

/**
 * A fresh persona document as one Yjs update, ready to store. A template writes no example value
 * and no prompt: its guidance is shown by the client as placeholders in the empty fields and
 * sections (issue 13), so it is never counted, signed, published or printed as content. Which
 * template a persona came from is kept in its index row (Storage.createPersona).
 */
export function buildPersonaState(opts: PersonaStateOptions): Uint8Array {
  const template = TEMPLATES[opts.template][opts.language ?? 'en'];
  const name = opts.name?.trim() || template.name;
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      const profile = getProfile(doc);
      const values: Profile = { ...EMPTY_PROFILE, avatar: template.avatar, name, createdAt: opts.now.toISOString() };
      for (const [field, value] of Object.entries(values)) profile.set(field, value);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

const EMPTY_PROFILE: Omit<Profile, 'createdAt'> = { name: '', role: '', segment: '', companySize: '', location: '', avatar: '' };

interface Template {
  /** The name a persona gets when none is given. */
  name: string;
  avatar: string;
}

const BLANK: Template = { name: '', avatar: '👤' };

const TEMPLATES: Record<TemplateName, Record<TemplateLanguage, Template>> = {
  blank: { en: BLANK, es: BLANK },
  b2b: { en: { name: 'New B2B buyer', avatar: '💼' }, es: { name: 'Nuevo comprador B2B', avatar: '💼' } },
};
