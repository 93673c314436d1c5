import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { EvidenceInput } from '../../../shared/persona/evidence.ts';
import { addEvidence, deleteEvidence, readEvidence, updateEvidence } from '../../../shared/persona/evidence.ts';
import { linkedEvidenceIds } from '../../../shared/persona/links.ts';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getEvidence, getSection } from '../../../shared/persona/schema.ts';
import type { EvidenceItem, SectionKey, Side } from '../../../shared/persona/types.ts';
import { useEvidence, useLinkedIds } from '../../../client/src/features/evidence/useEvidence.ts';
import { EvidenceBoard } from '../../../client/src/features/evidence/EvidenceBoard.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { connectedPair } from './docs.ts';
import { makeSession, withSession } from './session.tsx';


const MARTA: Participant = { name: 'Marta', side: 'marketing', color: '#2563eb' };
const SAM: Participant = { name: 'Sam', side: 'sales', color: '#ea580c' };

/** The board as the workshop mounts it: evidence and links read from the doc, the section filter held above. */
function Board(props: { doc: Y.Doc; participant?: Participant; readOnly?: boolean; onGoToSection?: (s: SectionKey) => void }) {
  const evidence = useEvidence(props.doc);
  const linked = useLinkedIds(props.doc);
  const [sectionFilter, setSectionFilter] = useState<SectionKey | 'all'>('all');
  return (
    <EvidenceBoard
      doc={props.doc}
      participant={props.participant ?? MARTA}
      readOnly={props.readOnly ?? false}
      evidence={evidence}
      linked={linked}
      sectionFilter={sectionFilter}
      onSectionFilterChange={setSectionFilter}
      {...(props.onGoToSection ? { onGoToSection: props.onGoToSection } : {})}
    />
  );
}

function seed(doc: Y.Doc, side: Side, input: Partial<EvidenceInput> & { text: string }): EvidenceItem {
  const full: EvidenceInput = { kind: side === 'marketing' ? 'metric' : 'quote', source: '', section: '', ...input };
  const [item] = addEvidence(doc, [full], { author: side === 'marketing' ? 'Mia' : 'Sol', side });
  if (!item) throw new Error('nothing added');
  return item;
}

const column = (name: 'Marketing data' | 'Sales anecdotes') => screen.getByRole('region', { name: new RegExp(`^${name}`) });
const card = (text: string) => {
  const article = screen.getByText(text).closest('article');
  if (!article) throw new Error(`no card for ${text}`);
  return article;
};
const textField = () => screen.getByLabelText<HTMLTextAreaElement>('Evidence');

describe('EvidenceBoard', () => {
  it("adds a data point with the participant's side and author, in the marketing column", async () => {
    const { local, remote } = connectedPair();
    render(<Board doc={local} />, { wrapper: withSession() });
    const addButton = within(column('Marketing data')).getByRole('button', { name: 'Add data point' });
    await userEvent.click(addButton);
    expect(document.activeElement).toBe(textField());

    await userEvent.type(textField(), '38% of trials come from 200–1,000 employee firms');
    await userEvent.type(screen.getByLabelText('Source'), 'GA4, Q3 report');
    await userEvent.selectOptions(screen.getByLabelText('Supports section'), 'pains');
    await userEvent.click(screen.getByRole('button', { name: 'Add to board' }));

    const { items, skipped } = readEvidence(remote);
    expect(skipped).toBe(0);
    expect(items).toEqual([
      expect.objectContaining({
        side: 'marketing',
        author: 'Marta',
        kind: 'metric',
        text: '38% of trials come from 200–1,000 employee firms',
        source: 'GA4, Q3 report',
        section: 'pains',
      }),
    ]);
    const shown = within(column('Marketing data')).getByText('38% of trials come from 200–1,000 employee firms').closest('article');
    expect(shown?.getAttribute('data-evidence-side')).toBe('marketing');
    expect(shown?.getAttribute('data-evidence-id')).toBe(items[0]?.id);
    expect(within(shown as HTMLElement).getByText('Source: GA4, Q3 report')).toBeTruthy();
    expect(within(column('Marketing data')).getByText('1 item')).toBeTruthy();
    expect(document.activeElement).toBe(within(column('Marketing data')).getByRole('button', { name: 'Add data point' }));
  });

  it('adds a sales anecdote with Ctrl+Enter, and Escape closes the form without writing', async () => {
    const { local } = connectedPair();
    render(<Board doc={local} participant={SAM} />, { wrapper: withSession() });
    const sales = column('Sales anecdotes');
    await userEvent.click(within(sales).getByRole('button', { name: 'Add anecdote' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Kind', { selector: 'form select' }).value).toBe('quote');
    await userEvent.type(textField(), 'Not until the ERP migration is done');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByLabelText('Evidence')).toBeNull();
    expect(getEvidence(local).length).toBe(0);
    expect(document.activeElement).toBe(within(sales).getByRole('button', { name: 'Add anecdote' }));

    await userEvent.click(within(sales).getByRole('button', { name: 'Add anecdote' }));
    await userEvent.type(textField(), 'We lost Acme on price');
    await userEvent.selectOptions(screen.getByLabelText('Kind', { selector: 'form select' }), 'Deal');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    const [item] = readEvidence(local).items;
    expect(item).toMatchObject({ side: 'sales', author: 'Sam', kind: 'deal', text: 'We lost Acme on price', source: '' });
    expect(card('We lost Acme on price').getAttribute('data-evidence-side')).toBe('sales');
    expect(within(card('We lost Acme on price')).getByText('No source')).toBeTruthy();
  });

  it('rejects empty text with a visible error and writes nothing', async () => {
    const { local } = connectedPair();
    render(<Board doc={local} />, { wrapper: withSession() });
    await userEvent.click(screen.getByRole('button', { name: 'Add data point' }));
    await userEvent.type(textField(), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Add to board' }));
    expect(screen.getByText('Write what the evidence says.')).toBeTruthy();
    expect(textField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(textField());
    expect(getEvidence(local).length).toBe(0);
  });

  it("edits any item's text in the document; the item keeps its author and side", async () => {
    const { local, remote } = connectedPair();
    const item = seed(local, 'marketing', { text: 'Churn is 4%', section: 'goals' });
    render(<Board doc={local} participant={SAM} />, { wrapper: withSession() });
    await userEvent.click(within(card('Churn is 4%')).getByRole('button', { name: 'Edit' }));
    expect(textField().value).toBe('Churn is 4%');
    expect(screen.getByLabelText<HTMLSelectElement>('Supports section').value).toBe('goals');
    await userEvent.clear(textField());
    await userEvent.type(textField(), 'Churn is 6%');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(readEvidence(remote).items).toEqual([{ ...item, text: 'Churn is 6%' }]);
    expect(card('Churn is 6%').getAttribute('data-evidence-side')).toBe('marketing');
    expect(document.activeElement).toBe(within(card('Churn is 6%')).getByRole('button', { name: 'Edit' }));
  });

  it('deletes an item and its claim link, and Undo brings both back', async () => {
    const { local, remote } = connectedPair();
    const item = seed(local, 'sales', { text: 'Budget freeze until Q3', section: 'pains' });
    writeFragmentFromJSON(getSection(local, 'pains'), {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Budget is frozen', marks: [{ type: 'evidence', attrs: { ids: item.id } }] }] },
      ],
    });
    render(<Board doc={local} />, { wrapper: withSession() });
    expect(within(card('Budget freeze until Q3')).getByText('Linked in Pains & challenges')).toBeTruthy();

    await userEvent.click(within(card('Budget freeze until Q3')).getByRole('button', { name: 'Delete' }));
    expect(getEvidence(remote).length).toBe(0);
    expect(linkedEvidenceIds(getSection(remote, 'pains')).size).toBe(0);
    expect(screen.queryByText('Budget freeze until Q3')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Evidence deleted and unlinked from Pains & challenges.');
    expect(within(column('Sales anecdotes')).getByText(/No sales anecdotes yet/)).toBeTruthy();

    const undo = within(status).getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);
    await userEvent.click(undo);
    expect(readEvidence(remote).items).toEqual([item]);
    expect([...linkedEvidenceIds(getSection(remote, 'pains'))]).toEqual([item.id]);
    expect(card('Budget freeze until Q3').getAttribute('data-evidence-id')).toBe(item.id);
    expect(within(card('Budget freeze until Q3')).getByText('Linked in Pains & challenges')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Evidence restored.');
  });

  it('shows items another browser adds, changes and deletes', () => {
    const { local, remote } = connectedPair();
    render(<Board doc={local} />, { wrapper: withSession() });
    let item: EvidenceItem | undefined;
    act(() => {
      item = seed(remote, 'sales', { text: 'They want SSO first', kind: 'objection' });
    });
    const shown = within(column('Sales anecdotes')).getByText('They want SSO first').closest('article');
    expect(shown?.getAttribute('data-evidence-side')).toBe('sales');
    expect(within(shown as HTMLElement).getByText('Objection')).toBeTruthy();
    expect(within(shown as HTMLElement).getByText('Sol')).toBeTruthy();

    act(() => {
      if (item) deleteEvidence(remote, new Set([item.id]));
    });
    expect(screen.queryByText('They want SSO first')).toBeNull();
  });

  it('closes an open edit form with a notice when another browser deletes the item', async () => {
    const { local, remote } = connectedPair();
    const item = seed(local, 'marketing', { text: 'CPC doubled' });
    render(<Board doc={local} />, { wrapper: withSession() });
    await userEvent.click(within(card('CPC doubled')).getByRole('button', { name: 'Edit' }));
    await userEvent.type(textField(), ' in May');

    act(() => {
      updateEvidence(remote, item.id, { kind: 'metric', text: 'CPC tripled', source: '', section: '' });
    });
    expect(screen.getByText(/Someone else changed this item/)).toBeTruthy();
    expect(textField().value).toBe('CPC doubled in May');

    act(() => {
      deleteEvidence(remote, new Set([item.id]));
    });
    expect(screen.queryByLabelText('Evidence')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Someone deleted this item while you were editing it');
  });

  it('filters by section and kind, and says when nothing matches', async () => {
    const { local } = connectedPair();
    seed(local, 'marketing', { text: 'M pains metric', section: 'pains' });
    seed(local, 'marketing', { text: 'M loose campaign', kind: 'campaign' });
    seed(local, 'sales', { text: 'S pains quote', section: 'pains' });
    seed(local, 'sales', { text: 'S goals objection', kind: 'objection', section: 'goals' });
    render(<Board doc={local} />, { wrapper: withSession() });
    const sectionFilter = screen.getByLabelText<HTMLSelectElement>('Section');
    const kindFilter = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Kind' });
    const visible = () => screen.queryAllByRole('article').map((a) => a.querySelector('.evidence-card__text')?.textContent);

    await userEvent.selectOptions(sectionFilter, 'pains');
    expect(visible()).toEqual(['M pains metric', 'S pains quote']);
    expect(within(column('Sales anecdotes')).getByText('1 of 2 shown')).toBeTruthy();

    // A new item defaults to the section the board is filtered on.
    await userEvent.click(screen.getByRole('button', { name: 'Add data point' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Supports section').value).toBe('pains');
    await userEvent.keyboard('{Escape}');

    await userEvent.selectOptions(kindFilter(), 'Quote');
    expect(visible()).toEqual(['S pains quote']);
    expect(within(column('Marketing data')).getByText('Nothing in this column matches the filters.')).toBeTruthy();

    await userEvent.selectOptions(kindFilter(), 'Deal');
    expect(visible()).toEqual([]);
    expect(screen.getByText('No evidence matches these filters.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(visible()).toHaveLength(4);
    expect(sectionFilter.value).toBe('all');
    expect(kindFilter().value).toBe('all');

    await userEvent.selectOptions(sectionFilter, 'No section');
    expect(visible()).toEqual(['M loose campaign']);
  });

  it('filtered on a section, also shows items that a claim there links to, as alignment counts them', async () => {
    const { local } = connectedPair();
    const loose = seed(local, 'marketing', { text: 'Loose figure linked from Pains' });
    seed(local, 'sales', { text: 'Goals anecdote', section: 'goals' });
    writeFragmentFromJSON(getSection(local, 'pains'), {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Slow approvals', marks: [{ type: 'evidence', attrs: { ids: loose.id } }] }] }],
    });
    render(<Board doc={local} />, { wrapper: withSession() });
    await userEvent.selectOptions(screen.getByLabelText<HTMLSelectElement>('Section'), 'pains');
    expect(screen.queryAllByRole('article').map((a) => a.querySelector('.evidence-card__text')?.textContent)).toEqual([
      'Loose figure linked from Pains',
    ]);
  });

  it('shows viewers every item but no add, edit or delete button', () => {
    const { local } = connectedPair();
    seed(local, 'marketing', { text: 'Open rate 41%' });
    seed(local, 'sales', { text: 'Procurement asks for ISO 27001' });
    render(<Board doc={local} readOnly />, { wrapper: withSession() });
    expect(screen.getByText('Open rate 41%')).toBeTruthy();
    expect(screen.getByText('Procurement asks for ISO 27001')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Add/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it("offers Add only in the participant's own column, and says what to do in each empty one", () => {
    const { local } = connectedPair();
    render(<Board doc={local} />, { wrapper: withSession() });
    expect(within(column('Marketing data')).getByRole('button', { name: 'Add data point' })).toBeTruthy();
    expect(within(column('Sales anecdotes')).queryByRole('button')).toBeNull();
    expect(within(column('Marketing data')).getByText(/^No marketing data yet. Add a figure/)).toBeTruthy();
    expect(within(column('Sales anecdotes')).getByText(/^No sales anecdotes yet. Sales participants add/)).toBeTruthy();
  });

  it('[§6] offers a member of no team no Add in either column: their evidence would count for neither side', () => {
    const { local } = connectedPair();
    render(<Board doc={local} participant={{ name: 'Admin', side: 'marketing', color: '#6b7280', sideless: true }} />, { wrapper: withSession() });
    expect(within(column('Marketing data')).queryByRole('button')).toBeNull();
    expect(within(column('Sales anecdotes')).queryByRole('button')).toBeNull();
  });

  it('goes to the linked section, and counts items it cannot read', async () => {
    const { local } = connectedPair();
    seed(local, 'sales', { text: 'Champion left', section: 'buyingProcess' });
    getEvidence(local).push([new Y.Map<unknown>([['id', 'broken']])]);
    const onGoToSection = vi.fn();
    render(<Board doc={local} onGoToSection={onGoToSection} />, { wrapper: withSession() });
    await userEvent.click(within(card('Champion left')).getByRole('button', { name: 'Go to Buying process' }));
    expect(onGoToSection).toHaveBeenCalledWith('buyingProcess');
    expect(screen.getByText(/^1 item could not be read/)).toBeTruthy();
  });

  it('says when a new item is hidden by the filters, and shows it once they are cleared', async () => {
    const { local } = connectedPair();
    render(<Board doc={local} />, { wrapper: withSession() });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Quote');
    await userEvent.click(screen.getByRole('button', { name: 'Add data point' }));
    await userEvent.type(textField(), 'Bounce rate 70% on pricing page');
    await userEvent.click(screen.getByRole('button', { name: 'Add to board' }));
    expect(getEvidence(local).length).toBe(1);
    expect(screen.queryByText('Bounce rate 70% on pricing page')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Added. The current filters hide it.');
    await userEvent.click(within(status).getByRole('button', { name: 'Clear filters' }));
    expect(card('Bounce rate 70% on pricing page').getAttribute('data-evidence-side')).toBe('marketing');
  });

  it('can undo a delete under StrictMode, where effects run twice on mount', async () => {
    const { local } = connectedPair();
    seed(local, 'marketing', { text: 'NPS 42' });
    render(
      <StrictMode>
        <SessionProvider store={makeSession()}>
          <Board doc={local} />
        </SessionProvider>
      </StrictMode>,
    );
    await userEvent.click(within(card('NPS 42')).getByRole('button', { name: 'Delete' }));
    expect(getEvidence(local).length).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(readEvidence(local).items.map((item) => item.text)).toEqual(['NPS 42']);
  });
});
