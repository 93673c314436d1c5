import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RichTextDoc, RichTextNode } from '../../../shared/persona/types.ts';
import type { ClaimEvidence } from '../../../client/src/features/library/RichTextView.tsx';
import { RichTextView } from '../../../client/src/features/library/RichTextView.tsx';
import { makeSession, withSession } from './session.tsx';

const text = (value: string, ...marks: string[]): RichTextNode =>
  marks.length > 0 ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value };
const claim = (value: string, ids: string): RichTextNode => ({ type: 'text', text: value, marks: [{ type: 'evidence', attrs: { ids } }] });
const p = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const doc = (...content: RichTextNode[]): RichTextDoc => ({ type: 'doc', content });

const EVIDENCE: ReadonlyMap<string, ClaimEvidence> = new Map([
  ['m1', { side: 'marketing', label: 'M1', text: '38% of trials are mid-size', anchor: 'evidence-m1' }],
  ['s1', { side: 'sales', label: 'S1', text: 'Acme said so' }],
]);

function view(content: RichTextDoc, evidence?: ReadonlyMap<string, ClaimEvidence>) {
  const { container } = render(<RichTextView content={content} {...(evidence ? { evidence } : {})} />, { wrapper: withSession(makeSession()) });
  const root = container.firstElementChild;
  if (!(root instanceof HTMLElement)) throw new Error('nothing rendered');
  return root;
}

describe('RichTextView', () => {
  it('renders blocks and marks as elements', () => {
    const root = view(
      doc(
        { type: 'heading', attrs: { level: 1 }, content: [text('Who')] },
        { type: 'heading', attrs: { level: 3 }, content: [text('Detail')] },
        p(text('Plain, '), text('bold', 'bold'), text(', '), text('italic', 'italic'), text(', '), text('gone', 'strike'), text(', '), text('x = 1', 'code'), text(', '), text('under', 'underline'), text('both', 'bold', 'italic')),
        p(text('line one'), { type: 'hardBreak' }, text('line two')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('a'))] }, { type: 'listItem', content: [p(text('b'))] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('third'))] }] },
        { type: 'blockquote', content: [p(text('quoted'))] },
        { type: 'codeBlock', content: [text('const a = 1;\nconst b = 2;')] },
        { type: 'horizontalRule' },
      ),
    );
    expect(root.querySelector('h3')?.textContent).toBe('Who');
    expect(root.querySelector('h5')?.textContent).toBe('Detail');
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    expect(root.querySelector('em')?.textContent).toBe('italic');
    expect(root.querySelector('s')?.textContent).toBe('gone');
    expect(root.querySelector('p code')?.textContent).toBe('x = 1');
    expect(root.querySelector('u')?.textContent).toBe('under');
    expect(root.querySelector('strong em, em strong')?.textContent).toBe('both');
    expect(root.querySelector('br')).toBeTruthy();
    expect([...root.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['a', 'b']);
    expect(root.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(root.querySelector('blockquote')?.textContent).toBe('quoted');
    expect(root.querySelector('pre code')?.textContent).toBe('const a = 1;\nconst b = 2;');
    expect(root.querySelector('hr')).toBeTruthy();
  });

  it('shows markup in the text as text, never as HTML', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const root = view(doc(p(text(attack)), p({ type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] })));
    expect(root.textContent).toContain(attack);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toContain('link');
  });

  it('keeps a safe link as a link', () => {
    const root = view(doc(p({ type: 'text', text: 'report', marks: [{ type: 'link', attrs: { href: 'https://example.com/q3' } }] })));
    const link = root.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.com/q3');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('renders the text of nodes it does not know', () => {
    const root = view(doc({ type: 'callout', content: [p(text('inside a callout'))] }, { type: 'mention', text: 'a mention' }));
    expect(root.textContent).toContain('inside a callout');
    expect(root.textContent).toContain('a mention');
  });

  it('highlights a claim by the sides backing it, followed by its references once', () => {
    const root = view(
      doc(
        p(text('They '), claim('decide ', 'm1,s1'), { type: 'text', text: 'fast', marks: [{ type: 'evidence', attrs: { ids: 'm1,s1' } }, { type: 'bold' }] }, text('.')),
        p(claim('Marketing only', 'm1')),
        p(claim('Sales only', 's1,deleted')),
      ),
      EVIDENCE,
    );
    const marks = [...root.querySelectorAll('mark')];
    expect(marks.map((m) => [m.textContent, m.getAttribute('data-backing')])).toEqual([
      ['decide fast', 'both'],
      ['Marketing only', 'marketing'],
      ['Sales only', 'sales'],
    ]);
    expect(marks[0]?.querySelector('strong')?.textContent).toBe('fast');
    expect(marks[0]?.getAttribute('title')).toBe('Backed by marketing data and sales anecdotes\nM1: 38% of trials are mid-size\nS1: Acme said so');
    const sups = [...root.querySelectorAll('sup')];
    expect(sups).toHaveLength(3);
    expect(sups[0]?.textContent).toBe('M1,S1 Acme said so');
    const m1 = sups[0]?.querySelector('a');
    expect(m1?.getAttribute('href')).toBe('#evidence-m1');
    expect(m1?.getAttribute('aria-label')).toBe('Evidence M1: 38% of trials are mid-size');
    // The deleted id is left out of the references.
    expect(sups[2]?.textContent).toBe('S1 Acme said so');
  });

  it('renders a claim whose items are all deleted as plain text', () => {
    const root = view(doc(p(claim('unbacked now', 'deleted'))), EVIDENCE);
    expect(root.textContent).toBe('unbacked now');
    expect(root.querySelector('mark')).toBeNull();
  });

  it('[issue 14.2] renders a version nested 5,000 lists deep, deeper levels flattened into text', () => {
    let node: RichTextNode | null = null;
    for (let level = 5_000; level >= 1; level--) {
      const paragraph = p(text(`level ${level}`));
      node = { type: 'bulletList', content: [{ type: 'listItem', content: node ? [paragraph, node] : [paragraph] }] };
    }
    const root = view(doc(...(node ? [node] : [])));
    expect(root.textContent).toContain('level 1');
    expect(root.textContent).toContain('level 5000');
  });
});
