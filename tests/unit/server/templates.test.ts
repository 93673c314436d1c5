import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildPersonaState } from '../../../server/persona/templates.ts';
import type { TemplateName } from '../../../server/persona/templates.ts';
import { SECTION_KEYS, fragmentToPlainText, getSection, readPersona } from '../../../shared/persona/index.ts';
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
  it('b2b fills the profile and all seven sections', () => {
    const doc = load(buildPersonaState({ template: 'b2b', now: NOW }));
    const persona = readPersona(doc);
    expect(persona.profile).toEqual({
      name: 'New B2B buyer',
      role: 'Head of Operations',
      segment: 'Mid-market SaaS',
      companySize: '200–1,000 employees',
      location: 'Europe',
      avatar: expect.stringMatching(/\p{Extended_Pictographic}/u),
      createdAt: NOW.toISOString(),
    });
    for (const key of SECTION_KEYS) {
      expect(persona.sections[key].content.length, key).toBeGreaterThan(0);
      expect(fragmentToPlainText(getSection(doc, key)).trim(), key).not.toBe('');
    }
    const nodeTypes = JSON.stringify(persona.sections).match(/"type":"\w+"/g) ?? [];
    expect(new Set(nodeTypes)).toEqual(
      new Set(['doc', 'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'text', 'bold', 'italic'].map((t) => `"type":"${t}"`)),
    );
    expect(persona.evidence).toEqual([]);
    expect(persona.comments).toEqual([]);
  });

  it('b2b in Spanish has the same shape, in Spanish, with accents and ñ intact', () => {
    const english = readPersona(load(buildPersonaState({ template: 'b2b', now: NOW })));
    const doc = load(buildPersonaState({ template: 'b2b', language: 'es', now: NOW }));
    const spanish = readPersona(doc);
    expect(spanish.profile).toMatchObject({ name: 'Nuevo comprador B2B', companySize: '200–1.000 empleados', location: 'España' });
    const shape = (persona: Persona) => JSON.stringify(persona.sections).replace(/"text":"[^"]*"/g, '"text":""');
    expect(shape(spanish)).toBe(shape(english));
    expect(fragmentToPlainText(getSection(doc, 'summary'))).toContain('Quién es');
    expect(fragmentToPlainText(getSection(doc, 'goals'))).toContain('¿Cómo es el éxito');
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

  it('two separate builds merge as duplicates, which is why only the server seeds (S3)', () => {
    const a = buildPersonaState({ template: 'b2b', now: NOW });
    const b = buildPersonaState({ template: 'b2b', now: NOW });
    const merged = readPersona(load(a, b));
    // Two different creators' content merges as two copies, which is why a client must never seed a template.
    expect(merged.sections.summary.content.length).toBe(2 * readPersona(load(a)).sections.summary.content.length);
  });
});
