import { describe, expect, it } from 'vitest';
import { SECTION_KEYS, signoffKey } from '../../../shared/persona/schema.ts';
import { contentFingerprint } from '../../../shared/persona/signoff.ts';
import type { EvidenceItem, RichTextDoc, RichTextNode, SectionKey } from '../../../shared/persona/types.ts';
import type { DiffablePersona } from '../../../shared/persona/versionDiff.ts';
import { diffLines, diffPersonas, sectionLines } from '../../../shared/persona/versionDiff.ts';

const text = (value: string, marks?: RichTextNode['marks']): RichTextNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const p = (...content: (string | RichTextNode)[]): RichTextNode => ({
  type: 'paragraph',
  content: content.map((c) => (typeof c === 'string' ? text(c) : c)),
});
const li = (...content: RichTextNode[]): RichTextNode => ({ type: 'listItem', content });
const ul = (...items: RichTextNode[]): RichTextNode => ({ type: 'bulletList', content: items });
const doc = (...content: RichTextNode[]): RichTextDoc => ({ type: 'doc', content });

const emptySections = (): Record<SectionKey, RichTextDoc> =>
  Object.fromEntries(SECTION_KEYS.map((key) => [key, doc()])) as Record<SectionKey, RichTextDoc>;

const evidence = (id: string, overrides: Partial<EvidenceItem> = {}): EvidenceItem => ({
  id,
  side: 'marketing',
  kind: 'metric',
  text: `Item ${id}`,
  source: 'GA4',
  section: 'goals',
  author: 'Ana',
  createdAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

function persona(overrides: Partial<DiffablePersona> = {}): DiffablePersona {
  return {
    profile: { name: 'María la CFO', role: 'CFO', segment: 'Retail', companySize: '200–1,000', location: 'Madrid', avatar: '👩‍💼', createdAt: '2026-10-01T00:00:00.000Z' },
    sections: emptySections(),
    evidence: [],
    signoff: {},
    ...overrides,
  };
}

const withSection = (key: SectionKey, content: RichTextDoc, base = emptySections()) => ({ ...base, [key]: content });

describe('sectionLines', () => {
  it('gives one line per block, list items with a bullet, nested items indented, empty blocks left out', () => {
    const content = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Quién es')] },
      p('Decide ', text('rápido', [{ type: 'bold' }]), '.'),
      p(),
      ul(li(p('Cerrar el trimestre'), ul(li(p('Sin sorpresas')))), li(p('Ahorrar'))),
      { type: 'orderedList', attrs: { start: 3 }, content: [li(p('Primero'))] },
    );
    expect(sectionLines(content)).toEqual(['Quién es', 'Decide rápido.', '• Cerrar el trimestre', '  • Sin sorpresas', '• Ahorrar', '• Primero']);
  });
});

describe('diffLines', () => {
  it('keeps common lines and marks what was removed and added', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('shows a moved line as removed in its old place and added in its new one', () => {
    const lines = diffLines(['one', 'two', 'three', 'four'], ['two', 'three', 'four', 'one']);
    expect(lines.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'one' },
      { kind: 'added', text: 'one' },
    ]);
    expect(lines.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual(['two', 'three', 'four']);
  });

  it('handles empty sides', () => {
    expect(diffLines([], ['a'])).toEqual([{ kind: 'added', text: 'a' }]);
    expect(diffLines(['a'], [])).toEqual([{ kind: 'removed', text: 'a' }]);
    expect(diffLines([], [])).toEqual([]);
  });
});

describe('diffPersonas', () => {
  it('finds nothing between identical versions', () => {
    const sections = withSection('goals', doc(p('Cerrar el año con margen'), ul(li(p('Reducir costes')))));
    const a = persona({ sections, evidence: [evidence('e1')], signoff: { [signoffKey('goals', 'marketing')]: { by: 'Ana', at: '2026-11-02T00:00:00.000Z', fingerprint: contentFingerprint(sections.goals) } } });
    const b = structuredClone(a);
    const diff = diffPersonas(a, b);
    expect(diff.isEmpty).toBe(true);
    expect(diff.profile).toEqual([]);
    expect(diff.sections.map((s) => s.key)).toEqual([...SECTION_KEYS]);
    expect(diff.sections.every((s) => !s.changed)).toBe(true);
    expect(diff.sections.find((s) => s.key === 'goals')?.lines).toEqual([
      { kind: 'same', text: 'Cerrar el año con margen' },
      { kind: 'same', text: '• Reducir costes' },
    ]);
    expect(diff.evidence).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.signoff).toEqual([]);
  });

  it('diffs a section line by line, accents included', () => {
    const before = persona({ sections: withSection('pains', doc(ul(li(p('Demasiadas herramientas')), li(p('Poca visibilidad del gasto'))))) });
    const after = persona({
      sections: withSection('pains', doc(ul(li(p('Demasiadas herramientas')), li(p('Poca visibilidad del gasto en logística')), li(p('Migración del ERP'))))),
    });
    const diff = diffPersonas(before, after);
    expect(diff.isEmpty).toBe(false);
    const pains = diff.sections.find((s) => s.key === 'pains');
    expect(pains?.changed).toBe(true);
    expect(pains?.lines).toEqual([
      { kind: 'same', text: '• Demasiadas herramientas' },
      { kind: 'removed', text: '• Poca visibilidad del gasto' },
      { kind: 'added', text: '• Poca visibilidad del gasto en logística' },
      { kind: 'added', text: '• Migración del ERP' },
    ]);
    expect(diff.sections.filter((s) => s.changed).map((s) => s.key)).toEqual(['pains']);
  });

  it('tells an accent change apart from no change', () => {
    const diff = diffPersonas(persona({ sections: withSection('summary', doc(p('Maria decide'))) }), persona({ sections: withSection('summary', doc(p('María decide'))) }));
    expect(diff.sections.find((s) => s.key === 'summary')?.lines).toEqual([
      { kind: 'removed', text: 'Maria decide' },
      { kind: 'added', text: 'María decide' },
    ]);
  });

  it('counts a formatting-only change as a change with no changed line', () => {
    const diff = diffPersonas(
      persona({ sections: withSection('summary', doc(p('Decide rápido'))) }),
      persona({ sections: withSection('summary', doc(p(text('Decide rápido', [{ type: 'bold' }])))) }),
    );
    const summary = diff.sections.find((s) => s.key === 'summary');
    expect(summary?.changed).toBe(true);
    expect(summary?.lines).toEqual([{ kind: 'same', text: 'Decide rápido' }]);
    expect(diff.isEmpty).toBe(false);
  });

  it('lists profile fields that changed, with both values', () => {
    const before = persona();
    const after = persona({ profile: { ...before.profile, role: 'Directora financiera', location: 'Sevilla' } });
    expect(diffPersonas(before, after).profile).toEqual([
      { field: 'role', before: 'CFO', after: 'Directora financiera' },
      { field: 'location', before: 'Madrid', after: 'Sevilla' },
    ]);
  });

  it('matches evidence by id: added, removed and changed', () => {
    const before = persona({ evidence: [evidence('e1'), evidence('e2'), evidence('e3')] });
    const after = persona({ evidence: [evidence('e1'), evidence('e3', { text: 'Texto nuevo' }), evidence('e4', { side: 'sales', kind: 'quote' })] });
    const diff = diffPersonas(before, after);
    expect(diff.evidence.added.map((i) => i.id)).toEqual(['e4']);
    expect(diff.evidence.removed.map((i) => i.id)).toEqual(['e2']);
    expect(diff.evidence.changed).toEqual([{ before: evidence('e3'), after: evidence('e3', { text: 'Texto nuevo' }) }]);
    expect(diff.isEmpty).toBe(false);
  });

  it('reports sign-off status changes per section', () => {
    const goals = doc(p('Cerrar el año'));
    const signed = (by: string, content: RichTextDoc) => ({ by, at: '2026-11-02T00:00:00.000Z', fingerprint: contentFingerprint(content) });
    const before = persona({ sections: withSection('goals', goals), signoff: { [signoffKey('goals', 'marketing')]: signed('Ana', goals) } });
    const after = persona({
      sections: withSection('goals', goals),
      signoff: { [signoffKey('goals', 'marketing')]: signed('Ana', goals), [signoffKey('goals', 'sales')]: signed('Ben', goals) },
    });
    expect(diffPersonas(before, after).signoff).toEqual([{ section: 'goals', before: 'partial', after: 'signed' }]);

    // Text changed after the sign-off: the same stored sign-off is now stale.
    const edited = doc(p('Cerrar el año con margen'));
    const stale = diffPersonas(after, { ...after, sections: withSection('goals', edited) });
    expect(stale.signoff).toEqual([{ section: 'goals', before: 'signed', after: 'stale' }]);
  });
});
