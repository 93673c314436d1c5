// Persona creation on the server (S3): a template is written once, here, never by a client.
import * as Y from 'yjs';
import { getProfile, getSection, writeFragmentFromJSON } from '../../shared/persona/index.ts';
import type { Profile, RichTextDoc, RichTextNode, SectionKey } from '../../shared/persona/index.ts';

export type TemplateName = 'blank' | 'b2b';

export interface PersonaStateOptions {
  template: TemplateName;
  /** Goes to `profile.name`; blank or missing uses the template's default. */
  name?: string;
  now: Date;
}

/** A fresh persona document as one Yjs update, ready to store. */
export function buildPersonaState(opts: PersonaStateOptions): Uint8Array {
  const template = TEMPLATES[opts.template];
  const name = opts.name?.trim() || template.profile.name;
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      const profile = getProfile(doc);
      const values: Profile = { ...template.profile, name, createdAt: opts.now.toISOString() };
      for (const [field, value] of Object.entries(values)) profile.set(field, value);
      for (const [key, content] of Object.entries(template.sections) as [SectionKey, RichTextNode[]][]) {
        writeFragmentFromJSON(getSection(doc, key), { type: 'doc', content } satisfies RichTextDoc);
      }
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

interface Template {
  profile: Omit<Profile, 'createdAt'>;
  sections: Partial<Record<SectionKey, RichTextNode[]>>;
}

type Inline = string | RichTextNode;

const text = (value: string, ...marks: ('bold' | 'italic')[]): RichTextNode =>
  marks.length > 0 ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value };

const inline = (parts: Inline[]): RichTextNode[] => parts.map((part) => (typeof part === 'string' ? text(part) : part));

const paragraph = (...parts: Inline[]): RichTextNode => ({ type: 'paragraph', content: inline(parts) });

const heading = (level: 2 | 3, value: string): RichTextNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});

const listItem = (item: Inline | Inline[]): RichTextNode => ({
  type: 'listItem',
  content: [paragraph(...(Array.isArray(item) ? item : [item]))],
});

const bulletList = (...items: (Inline | Inline[])[]): RichTextNode => ({
  type: 'bulletList',
  content: items.map(listItem),
});

const orderedList = (...items: (Inline | Inline[])[]): RichTextNode => ({
  type: 'orderedList',
  attrs: { start: 1 },
  content: items.map(listItem),
});

const prompt = (value: string): RichTextNode => paragraph(text(value, 'italic'));

const BLANK: Template = {
  profile: { name: '', role: '', segment: '', companySize: '', location: '', avatar: '👤' },
  sections: {},
};

const B2B: Template = {
  profile: {
    name: 'New B2B buyer',
    role: 'Head of Operations',
    segment: 'Mid-market SaaS',
    companySize: '200–1,000 employees',
    location: 'Europe',
    avatar: '💼',
  },
  sections: {
    summary: [
      prompt('Two or three sentences a new sales rep could repeat after one read.'),
      bulletList(
        [text('Who they are: ', 'bold'), 'title, team, who they report to'],
        [text('What they own: ', 'bold'), 'the budget, process or outcome they answer for'],
        [text('Why now: ', 'bold'), 'the trigger that puts them in the market'],
      ),
    ],
    goals: [
      prompt('What does success look like for them this year, in their own words?'),
      heading(3, 'Business goals'),
      bulletList('The number they are measured on', 'The project that would get them promoted'),
      heading(3, 'Personal goals'),
      bulletList('What would make their week easier', 'What they want to stop doing by hand'),
    ],
    pains: [
      prompt('Which problems cost them time, money or sleep? Back each one with evidence.'),
      bulletList(
        [text('Daily friction: ', 'bold'), 'tools and handoffs that slow the team down'],
        [text('Hidden cost: ', 'bold'), 'what the problem costs if nothing changes'],
        [text('Risk: ', 'bold'), 'what goes wrong if they choose badly'],
      ),
    ],
    objections: [
      prompt('What do they say when they push back? Quote real calls where you can.'),
      bulletList(
        [text('Price: ', 'bold'), '“We already pay for something that almost does this.”'],
        [text('Timing: ', 'bold'), '“Not this quarter.”'],
        [text('Effort: ', 'bold'), '“My team has no time to switch tools.”'],
        [text('Trust: ', 'bold'), 'who they need to hear from before they believe you'],
      ),
    ],
    buyingProcess: [
      prompt('How does a deal move from first contact to signature?'),
      orderedList(
        'Trigger: what starts the search',
        'Research: where they look and who they ask',
        'Shortlist: how vendors are compared and by whom',
        'Decision: who signs, who can veto, and how long it takes',
      ),
      bulletList([text('Buying committee: ', 'bold'), 'champion, economic buyer, IT and security, finance']),
    ],
    channels: [
      prompt('Where do they spend attention, and which channels have actually converted?'),
      bulletList(
        'Communities, newsletters and events they trust',
        'Search terms and content that brought them in',
        'The best way to get a first meeting',
      ),
    ],
    messaging: [
      prompt('The words that work with this buyer, tested in campaigns and calls.'),
      heading(3, 'Core message'),
      paragraph('One sentence: ', text('for whom, what outcome, why us', 'bold', 'italic'), '.'),
      heading(3, 'Proof points'),
      bulletList('A customer result they recognise', 'A number marketing can stand behind'),
      heading(3, 'Words to avoid'),
      bulletList('Jargon that made them tune out'),
    ],
  },
};

const TEMPLATES: Record<TemplateName, Template> = { blank: BLANK, b2b: B2B };
