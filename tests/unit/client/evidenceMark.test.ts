import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import StarterKit from '@tiptap/starter-kit';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteEvidence } from '../../../shared/persona/evidence.ts';
import { linkedEvidenceIds } from '../../../shared/persona/links.ts';
import { getSection, sectionRootName } from '../../../shared/persona/schema.ts';
import type { Side } from '../../../shared/persona/types.ts';
import { assumptionCount, EvidenceMark, refreshClaims, selectedEvidenceIds } from '../../../client/src/features/evidence/evidenceMark.ts';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** A section editor bound to a Y.Doc the way the workshop binds it, with the evidence mark. */
function sectionEditor(doc: Y.Doc, sides: Map<string, Side>, flagAssumptions = true) {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({
    element,
    extensions: [
      StarterKit.configure({ undoRedo: false, trailingNode: false }),
      Collaboration.configure({ document: doc, field: sectionRootName('pains') }),
      EvidenceMark.configure({ sideOf: () => sides, flagAssumptions, assumptionLabel: 'Assumption' }),
    ],
  });
  editors.push(editor);
  return editor;
}

/** Text carrying the evidence mark, linked to `ids`. */
const claim = (text: string, ids: string) => ({ type: 'text', text, marks: [{ type: 'evidence', attrs: { ids } }] });
const bullet = (text: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('the evidence mark in a section editor', () => {
  it('links the selected words: the Yjs text carries the mark with comma-separated ids', () => {
    const doc = new Y.Doc();
    const sides = new Map<string, Side>([
      ['m1', 'marketing'],
      ['s1', 'sales'],
    ]);
    const editor = sectionEditor(doc, sides);
    editor.commands.setContent({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Budget is frozen until Q3' }] }] });
    editor.commands.setTextSelection({ from: 1, to: 17 });
    editor.commands.setEvidenceLinks(['m1', 's1']);

    expect([...linkedEvidenceIds(getSection(doc, 'pains'))].sort()).toEqual(['m1', 's1']);
    const claim = editor.view.dom.querySelector('[data-evidence-ids]');
    expect(claim?.textContent).toBe('Budget is frozen');
    expect(claim?.getAttribute('data-evidence-ids')).toBe('m1,s1');
    // Backed by both sides, so drawn as such.
    expect(editor.view.dom.querySelector('.claim--both')?.textContent).toBe('Budget is frozen');
  });

  it('with the caret inside a claim, reads its ids and changes or removes the whole claim', () => {
    const doc = new Y.Doc();
    const sides = new Map<string, Side>([['m1', 'marketing']]);
    const editor = sectionEditor(doc, sides);
    editor.commands.setContent({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'They say ' },
            claim('it is too expensive', 'm1'),
          ],
        },
      ],
    });
    editor.commands.setTextSelection(15);
    expect(selectedEvidenceIds(editor.state)).toEqual(['m1']);

    sides.set('s2', 'sales');
    editor.commands.setEvidenceLinks(['m1', 's2']);
    expect(editor.view.dom.querySelector('[data-evidence-ids]')?.textContent).toBe('it is too expensive');
    expect([...linkedEvidenceIds(getSection(doc, 'pains'))].sort()).toEqual(['m1', 's2']);

    editor.commands.setTextSelection(15);
    editor.commands.setEvidenceLinks([]);
    expect(editor.view.dom.querySelector('[data-evidence-ids]')).toBeNull();
    expect(linkedEvidenceIds(getSection(doc, 'pains')).size).toBe(0);
  });

  it('colours a claim by the sides that still exist, and redraws when evidence changes', () => {
    const doc = new Y.Doc();
    const sides = new Map<string, Side>([['s1', 'sales']]);
    const editor = sectionEditor(doc, sides);
    editor.commands.setContent({
      type: 'doc',
      content: [{ type: 'paragraph', content: [claim('Legal signs off last', 's1,gone')] }],
    });
    expect(editor.view.dom.querySelector('.claim')?.getAttribute('data-backing')).toBe('sales');

    sides.delete('s1');
    refreshClaims(editor.state, editor.view.dispatch);
    expect(editor.view.dom.querySelector('.claim')?.getAttribute('data-backing')).toBe('none');
  });

  it('marks list items with no evidence as assumptions, and stops when one is linked', () => {
    const doc = new Y.Doc();
    const sides = new Map<string, Side>([['m1', 'marketing']]);
    const editor = sectionEditor(doc, sides);
    editor.commands.setContent({ type: 'doc', content: [{ type: 'bulletList', content: [bullet('Slow approvals'), bullet('Tool sprawl')] }] });
    expect(editor.view.dom.querySelectorAll('li.assumption')).toHaveLength(2);
    expect(assumptionCount(editor.state)).toBe(2);

    // Link the first item's words: "Slow approvals" sits at 3..17.
    editor.commands.setTextSelection({ from: 3, to: 17 });
    editor.commands.setEvidenceLinks(['m1']);
    const items = editor.view.dom.querySelectorAll('li');
    expect(items[0]?.classList.contains('assumption')).toBe(false);
    expect(items[1]?.classList.contains('assumption')).toBe(true);
    expect(assumptionCount(editor.state)).toBe(1);
  });

  it('deleting an item elsewhere leaves no link in the editor, and its claim becomes an assumption again', () => {
    const doc = new Y.Doc();
    const sides = new Map<string, Side>([['m1', 'marketing']]);
    const editor = sectionEditor(doc, sides);
    editor.commands.setContent({
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [claim('Slow approvals', 'm1')] }] }],
        },
      ],
    });
    expect(assumptionCount(editor.state)).toBe(0);

    // What the board does: delete the item, which also strips the mark from the Yjs text.
    sides.delete('m1');
    deleteEvidence(doc, new Set(['m1']));
    expect(editor.view.dom.querySelector('[data-evidence-ids]')).toBeNull();
    expect(assumptionCount(editor.state)).toBe(1);
  });

  it('sections that are not lists of claims never flag assumptions', () => {
    const doc = new Y.Doc();
    const editor = sectionEditor(doc, new Map(), false);
    editor.commands.setContent({ type: 'doc', content: [{ type: 'bulletList', content: [bullet('Reads analyst reports')] }] });
    expect(editor.view.dom.querySelectorAll('li.assumption')).toHaveLength(0);
  });
});
