import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildPersonaState } from '../../../server/persona/templates.ts';
import type { TemplateName } from '../../../server/persona/templates.ts';
import { SECTION_KEYS, readPersona } from '../../../shared/persona/index.ts';
import type { Persona } from '../../../shared/persona/index.ts';

const NOW = new Date('2025-05-06T07:08:09.000Z');

function load(...states: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const state of states) Y.applyUpdate(doc, state);
  return doc;
}

function personaOf(template: TemplateName, name?: string): Persona {
  return readPersona(load(buildPersonaState({ template, now: NOW, ...(name === undefined ? {} : { name }) })));
}

describe('buildPersonaState', () => {
  it('b2b writes its name and avatar, and no example value or prompt: its guidance is the client\'s (issue 13)', () => {
    for (const [language, name] of [['en', 'New B2B buyer'], ['es', 'Nuevo comprador B2B']] as const) {
      const persona = readPersona(load(buildPersonaState({ template: 'b2b', language, now: NOW })));
      expect(persona.profile).toEqual({
        name,
        role: '',
        segment: '',
        companySize: '',
        location: '',
        avatar: expect.stringMatching(/\p{Extended_Pictographic}/u),
        createdAt: NOW.toISOString(),
      });
      for (const key of SECTION_KEYS) expect(persona.sections[key], key).toEqual({ type: 'doc', content: [] });
      expect(persona.evidence).toEqual([]);
      expect(persona.comments).toEqual([]);
    }
  });

  it('blank has empty sections, an emoji avatar and createdAt', () => {
    const persona = personaOf('blank');
    for (const key of SECTION_KEYS) expect(persona.sections[key]).toEqual({ type: 'doc', content: [] });
    expect(persona.profile).toMatchObject({ name: '', role: '', segment: '', createdAt: NOW.toISOString() });
    expect(persona.profile.avatar).toMatch(/\p{Extended_Pictographic}/u);
  });

  it('honours the given name for both templates', () => {
    expect(personaOf('blank', 'Olga Núñez').profile.name).toBe('Olga Núñez');
    expect(personaOf('b2b', 'Ops Olga').profile.name).toBe('Ops Olga');
    expect(personaOf('b2b', '   ').profile.name).toBe('New B2B buyer');
  });

  it('is one update: applying the same state twice does not duplicate content (S3)', () => {
    const state = buildPersonaState({ template: 'b2b', now: NOW });
    const once = readPersona(load(state));
    const twice = load(state, state);
    expect(readPersona(twice)).toEqual(once);
    expect(Y.encodeStateVector(twice)).toEqual(Y.encodeStateVector(load(state)));
  });
});
