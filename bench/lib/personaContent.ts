// Realistic, reproducible persona content for the publishing benches: profile, seven sections with
// headings, lists, formatting and claims linked to evidence from both sides.
import type * as Y from 'yjs';
import { addEvidence } from '../../shared/persona/evidence.ts';
import type { EvidenceInput } from '../../shared/persona/evidence.ts';
import { getEvidence, getProfile, getSection, SECTION_KEYS, writeFragmentFromJSON } from '../../shared/persona/index.ts';
import type { RichTextNode, SectionKey } from '../../shared/persona/index.ts';

const FIRST = ['María', 'José', 'Lucía', 'Tomás', 'Ana', 'Begoña', 'Íñigo', 'Noelia', 'Raúl', 'Sofía', 'Grace', 'Oliver', 'Amara', 'Chen', 'Priya', 'Jürgen'];
const ROLES = ['Directora financiera', 'Jefe de compras', 'Head of IT', 'Responsable de logística', 'VP Sales', 'Operations manager', 'CTO', 'Directora de marketing'];
export const SEGMENTS = ['Logística', 'Retail', 'Banca', 'Salud', 'Educación', 'Manufacturing', 'SaaS', 'Energía', 'Seguros', 'Hostelería', 'Telecom', 'Público'];
const WORDS = (
  'presupuesto integración riesgo proveedor contrato renovación auditoría cumplimiento pingüino almacén factura ' +
  'plazo equipo demostración competencia precio licencia migración formación soporte seguridad datos informe ' +
  'pipeline onboarding churn dashboard forecast procurement committee pilot rollout roadmap security review ' +
  'señal decisión comité aprobación retorno inversión ahorro eficiencia crecimiento expansión'
).split(' ');

/** A small seeded generator, so every run builds the same personas. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const sentence = (random: () => number, words: number) =>
  Array.from({ length: words }, () => pick(random, WORDS)).join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';

export interface PersonaShape {
  name: string;
  role: string;
  segment: string;
}

export function personaShape(index: number): PersonaShape {
  const random = seeded(index + 1);
  return { name: `${pick(random, FIRST)} ${index}`, role: pick(random, ROLES), segment: SEGMENTS[index % SEGMENTS.length] ?? 'Retail' };
}

/**
 * Writes a full persona into `doc`: profile, `evidencePerSide` items per side, and in every section
 * `paragraphs` paragraphs plus a list whose items are claims linked to evidence of both sides.
 */
export function writeFullPersona(doc: Y.Doc, index: number, size: { paragraphs: number; listItems: number; evidencePerSide: number }): void {
  const random = seeded(1000 + index);
  const shape = personaShape(index);
  doc.transact(() => {
    const profile = getProfile(doc);
    profile.set('name', shape.name);
    profile.set('role', shape.role);
    profile.set('segment', shape.segment);
    profile.set('companySize', '200–1.000 empleados');
    profile.set('location', 'Madrid, España');
    profile.set('avatar', '🦊');
    profile.set('createdAt', new Date(Date.UTC(2026, 10, 1)).toISOString());
    const evidence = (side: 'marketing' | 'sales'): EvidenceInput[] =>
      Array.from({ length: size.evidencePerSide }, (_, i) => ({
        kind: side === 'marketing' ? 'metric' : 'quote',
        text: `${side === 'marketing' ? 'Dato' : '«Cita»'} ${i + 1}: ${sentence(random, 14)}`,
        source: side === 'marketing' ? 'GA4, informe trimestral' : `Llamada con cliente ${i + 1}`,
        section: pick(random, SECTION_KEYS),
      }));
    addEvidence(doc, evidence('marketing'), { author: 'Ana', side: 'marketing' });
    addEvidence(doc, evidence('sales'), { author: 'Ben', side: 'sales' });
    const ids = getEvidence(doc)
      .toArray()
      .map((item) => String(item.get('id')));
    for (const key of SECTION_KEYS) writeFragmentFromJSON(getSection(doc, key), { type: 'doc', content: sectionContent(key, random, ids, size) });
  });
}

function sectionContent(key: SectionKey, random: () => number, ids: readonly string[], size: { paragraphs: number; listItems: number }): RichTextNode[] {
  const text = (value: string, marks?: RichTextNode['marks']): RichTextNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
  const paragraphs: RichTextNode[] = Array.from({ length: size.paragraphs }, () => ({
    type: 'paragraph',
    content: [text(sentence(random, 10) + ' '), text(sentence(random, 4), [{ type: 'bold' }]), text(' ' + sentence(random, 12), [{ type: 'italic' }])],
  }));
  const items: RichTextNode[] = Array.from({ length: size.listItems }, () => {
    const linked = [pick(random, ids), pick(random, ids)].join(',');
    return {
      type: 'listItem',
      content: [{ type: 'paragraph', content: [text(sentence(random, 8), [{ type: 'evidence', attrs: { ids: linked } }]), text(' ' + sentence(random, 6))] }],
    };
  });
  return [
    { type: 'heading', attrs: { level: 2 }, content: [text(`${key}: ${sentence(random, 3)}`)] },
    ...paragraphs,
    { type: 'bulletList', content: items },
  ];
}
