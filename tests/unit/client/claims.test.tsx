import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { alignmentBySection, countBySide, personaBalance } from '../../../shared/persona/alignment.ts';
import type { EvidenceItem, SectionKey } from '../../../shared/persona/types.ts';
import { SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { EvidenceSnapshot } from '../../../client/src/features/evidence/useEvidence.ts';
import { AlignmentChip, BalanceBar, PersonaAlignment } from '../../../client/src/features/evidence/Alignment.tsx';
import { ClaimPopover } from '../../../client/src/features/evidence/ClaimPopover.tsx';
import { LinkEvidenceDialog } from '../../../client/src/features/evidence/LinkEvidenceDialog.tsx';
import { withSession } from './session.tsx';

function item(id: string, fields: Partial<EvidenceItem>): EvidenceItem {
  return { id, side: 'marketing', kind: 'metric', text: id, source: '', section: '', author: 'Ana', createdAt: '2026-11-01T10:00:00.000Z', ...fields };
}

function snapshot(items: EvidenceItem[]): EvidenceSnapshot {
  return { items, byId: new Map(items.map((i) => [i.id, i])), sideOf: new Map(items.map((i) => [i.id, i.side])), skipped: 0 };
}

const noLinks = {} as Record<SectionKey, ReadonlySet<string>>;
for (const key of SECTION_KEYS) noLinks[key] = new Set<string>();

const EVIDENCE = snapshot([
  item('m1', { text: '42% of trials stall at security review', source: 'GA4', section: 'objections' }),
  item('s1', { side: 'sales', kind: 'quote', text: '“Legal needs three weeks”', source: 'Call with Acme', section: 'buyingProcess', author: 'Ben' }),
  item('m2', { text: 'Pricing page exits up 12%', section: 'pains' }),
]);

describe('LinkEvidenceDialog', () => {
  it('quotes the claim, lists this section’s evidence first, and applies the chosen ids', async () => {
    const onApply = vi.fn();
    render(
      <LinkEvidenceDialog target={{ section: 'pains', quote: 'Pricing is unclear', ids: ['s1'] }} evidence={EVIDENCE} onApply={onApply} onClose={() => {}} onOpenBoard={() => {}} />,
      { wrapper: withSession() },
    );
    const dialog = screen.getByTestId('link-evidence-dialog');
    expect(within(dialog).getByText('Pricing is unclear')).toBeTruthy();
    const boxes = within(dialog).getAllByRole('checkbox');
    // m2 names Pains, so it comes first; s1 is already linked, so it starts checked.
    expect(boxes[0]?.closest('label')?.textContent).toContain('Pricing page exits up 12%');
    expect((within(dialog).getByRole('checkbox', { name: /Legal needs three weeks/ }) as HTMLInputElement).checked).toBe(true);

    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Pricing page exits/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Link 2 selected' }));
    expect(onApply).toHaveBeenCalledWith(['m2', 's1']);
  });

  it('searches without caring about accents, and unchecking everything offers to remove the link', async () => {
    const onApply = vi.fn();
    render(
      <LinkEvidenceDialog target={{ section: 'pains', quote: 'x', ids: ['m1'] }} evidence={EVIDENCE} onApply={onApply} onClose={() => {}} onOpenBoard={() => {}} />,
      { wrapper: withSession() },
    );
    await userEvent.type(screen.getByRole('searchbox'), 'secúrity');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    await userEvent.click(screen.getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove the link' }));
    expect(onApply).toHaveBeenCalledWith([]);
  });

  it('with no evidence yet, says so and leads to the board', async () => {
    const onOpenBoard = vi.fn();
    render(<LinkEvidenceDialog target={{ section: 'goals', quote: 'x', ids: [] }} evidence={snapshot([])} onApply={() => {}} onClose={() => {}} onOpenBoard={onOpenBoard} />, {
      wrapper: withSession(),
    });
    expect(screen.getByText(/There is no evidence yet/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Open the evidence board' }));
    expect(onOpenBoard).toHaveBeenCalled();
  });
});

describe('ClaimPopover', () => {
  const anchor = () => {
    const span = document.createElement('span');
    document.body.append(span);
    return span;
  };
  const handlers = { onChangeLinks: () => {}, onUnlink: () => {}, onClose: () => {}, onPointerEnter: () => {}, onPointerLeave: () => {} };

  it('shows each linked item with its side, kind, text and source, and says when one was deleted', () => {
    render(<ClaimPopover anchor={anchor()} ids={['m1', 's1', 'gone']} evidence={EVIDENCE} readOnly={false} {...handlers} />, { wrapper: withSession() });
    const card = screen.getByTestId('claim-card');
    expect(card.textContent).toContain('42% of trials stall at security review');
    expect(card.textContent).toContain('Source: Call with Acme');
    expect(card.querySelectorAll('[data-claim-item-side="sales"]')).toHaveLength(1);
    expect(card.textContent).toContain('1 linked item(s) no longer exist.');
    expect(within(card).getByRole('button', { name: /Unlink/ })).toBeTruthy();
  });

  it('offers no changes to a viewer', () => {
    render(<ClaimPopover anchor={anchor()} ids={['m1']} evidence={EVIDENCE} readOnly {...handlers} />, { wrapper: withSession() });
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('alignment in the interface', () => {
  it('a section chip says its state in words and its counts per side', () => {
    const bySection = alignmentBySection(EVIDENCE.items, noLinks);
    render(<AlignmentChip alignment={bySection.objections} />, { wrapper: withSession() });
    const chip = document.querySelector('[data-alignment]');
    expect(chip?.getAttribute('data-alignment')).toBe('needsSalesValidation');
    expect(chip?.textContent).toContain('Needs sales validation');
    expect(chip?.textContent).toContain('1 marketing · 0 sales');
  });

  it('the balance bar splits by side and says the numbers, or that there is nothing yet', () => {
    const { rerender } = render(<BalanceBar counts={{ marketing: 3, sales: 1 }} />, { wrapper: withSession() });
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Evidence balance: 3 from marketing, 1 from sales');
    expect((document.querySelector('.balance__part--marketing') as HTMLElement).style.width).toBe('75%');
    rerender(<BalanceBar counts={{ marketing: 0, sales: 0 }} />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('No evidence yet');
  });

  it('the persona summary counts sections per state and jumps to one', async () => {
    const bySection = alignmentBySection(EVIDENCE.items, { ...noLinks, objections: new Set(['s1']) });
    const onShowState = vi.fn();
    render(<PersonaAlignment balance={personaBalance(countBySide(EVIDENCE.items), bySection)} onShowState={onShowState} />, { wrapper: withSession() });
    expect(screen.getByRole('button', { name: /Backed by both: 1/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Needs data: 1/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Needs sales validation: 1/ })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Unbacked: 4/ }));
    expect(onShowState).toHaveBeenCalledWith('unbacked');
    expect(screen.queryByText(/Assumptions/)).toBeNull();
  });

  it('the persona summary also says how many assumptions are left', () => {
    render(<PersonaAlignment balance={personaBalance({ marketing: 0, sales: 0 })} assumptions={3} />, { wrapper: withSession() });
    expect(screen.getByTestId('assumption-count').textContent).toContain('Assumptions: 3');
  });
});
