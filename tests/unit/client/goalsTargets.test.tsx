import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Attribution } from '../../../shared/persona/authors.ts';
import { getSignoff } from '../../../shared/persona/schema.ts';
import { signoffToYjs } from '../../../shared/persona/converters.ts';
import { addTarget, readTargets, signOffTarget, targetFingerprint, targetSignoffKey } from '../../../shared/persona/targets.ts';
import { defaultPeriod } from '../../../client/src/features/goals/ScorecardView.tsx';
import { parseTargetValue } from '../../../client/src/features/goals/TargetForm.tsx';
import { TargetList } from '../../../client/src/features/goals/TargetList.tsx';
import { useTargets } from '../../../client/src/features/goals/useTargets.ts';
import type { Participant } from '../../../client/src/session/user.ts';
import { DIRECTORY, MARA, recordEveryone, SAM, writeAs } from '../shared/authored.ts';
import { withSession } from './session.tsx';

const mara: Participant = { name: 'Mara', side: 'marketing', color: '#2563eb' };
const ada: Participant = { name: 'Ada', side: 'marketing', color: '#64748b', sideless: true };

function Goals({ doc, participant }: { doc: Y.Doc; participant: Participant }) {
  const targets = useTargets(doc, Attribution.of(doc, DIRECTORY));
  return <TargetList doc={doc} targets={targets} participant={participant} readOnly={false} />;
}

/** A document in which the server recorded Mara, Sam and Ada; this browser writes as Mara. */
function maraDoc(): Y.Doc {
  const doc = recordEveryone(new Y.Doc());
  doc.clientID = MARA.clientId;
  return doc;
}

const row = () => screen.getByTestId('target-list').querySelector<HTMLElement>('[data-target-id]') as HTMLElement;
const keyState = (side: 'marketing' | 'sales') => row().querySelector(`[data-signoff-side="${side}"]`)?.getAttribute('data-state');

describe('Goals & results: targets and their two keys', () => {
  it('[§8] proposes a target, which is agreed only once marketing and sales both signed it, and goes stale on a change', async () => {
    const doc = maraDoc();
    render(<Goals doc={doc} participant={mara} />, { wrapper: withSession() });
    expect(screen.getByTestId('targets-empty').textContent).toContain('No targets yet');

    await userEvent.click(screen.getByTestId('propose-target'));
    const form = screen.getByRole('form', { name: 'New target' });
    await userEvent.selectOptions(within(form).getByLabelText('Figure'), 'Deals won');
    await userEvent.type(within(form).getByLabelText('Value'), '12');
    await userEvent.selectOptions(within(form).getByLabelText('Period type'), 'year');
    await userEvent.selectOptions(within(form).getByLabelText('Which'), '2027');
    await userEvent.click(within(form).getByTestId('target-save'));

    expect(row().getAttribute('data-agreed')).toBe('false');
    expect(row().textContent).toContain('Proposed');
    expect(row().textContent).toContain('Deals won at least 12');
    expect(row().getAttribute('data-period')).toBe('2027');

    // Mara turns the marketing key: still proposed, one of two.
    await userEvent.click(within(row()).getByRole('button', { name: 'Sign as Marketing' }));
    expect(keyState('marketing')).toBe('current');
    expect(row().getAttribute('data-agreed')).toBe('false');

    // Sam, in sales, signs in his browser: agreed.
    const [target] = readTargets(doc, Attribution.of(doc, DIRECTORY));
    act(() => {
      writeAs(doc, SAM.clientId, () => signOffTarget(doc, target?.id ?? '', { by: 'Sam', side: 'sales' }));
    });
    expect(row().getAttribute('data-agreed')).toBe('true');
    expect(row().className).toContain('target--agreed');
    expect(row().textContent).toContain('Agreed');
    expect(row().querySelector('[data-signoff-side="sales"]')?.textContent).toContain('signed by Sam');

    // A change to the value: both keys stale, the target proposed again.
    await userEvent.click(within(row()).getByRole('button', { name: /Edit the target/ }));
    const edit = screen.getByRole('form', { name: 'Change target' });
    expect(edit.textContent).toContain('both teams sign again');
    const value = within(edit).getByLabelText('Value');
    await userEvent.clear(value);
    await userEvent.type(value, '15');
    await userEvent.click(within(edit).getByTestId('target-save'));
    expect(keyState('marketing')).toBe('stale');
    expect(keyState('sales')).toBe('stale');
    expect(row().getAttribute('data-agreed')).toBe('false');
    expect(within(row()).getByRole('button', { name: 'Sign off again' })).toBeTruthy();
  });

  it('[§6] a sales key written by a marketing member does not agree the target', () => {
    const doc = maraDoc();
    const target = addTarget(doc, { metric: 'winRate', value: 30, period: '2027-Q1' });
    signOffTarget(doc, target.id, { by: 'Mara', side: 'marketing' });
    // Mara forges the sales key from her own browser.
    getSignoff(doc).set(targetSignoffKey(target.id, 'sales'), signoffToYjs({ by: 'Sam', at: new Date().toISOString(), fingerprint: targetFingerprint(target) }));
    render(<Goals doc={doc} participant={mara} />, { wrapper: withSession() });
    expect(keyState('marketing')).toBe('current');
    expect(keyState('sales')).toBe('missing');
    expect(row().getAttribute('data-agreed')).toBe('false');
  });

  it('a member of team other sees the keys and why they cannot sign', () => {
    const doc = maraDoc();
    addTarget(doc, { metric: 'salesCycleDays', value: 45, period: '2027-03' });
    render(<Goals doc={doc} participant={ada} />, { wrapper: withSession() });
    expect(row().textContent).toContain('Sales cycle at most 45 days');
    expect(within(row()).getByTestId('target-sideless').textContent).toBe('Marketing and sales sign targets; you are on neither team.');
    expect(within(row()).queryByRole('button', { name: /Sign as/ })).toBeNull();
  });

  it('removes a target with its keys after asking', async () => {
    const doc = maraDoc();
    const target = addTarget(doc, { metric: 'pipelineCreated', value: 250000, period: '2027' });
    signOffTarget(doc, target.id, { by: 'Mara', side: 'marketing' });
    render(<Goals doc={doc} participant={mara} />, { wrapper: withSession() });
    await userEvent.click(within(row()).getByRole('button', { name: /Remove the target/ }));
    await userEvent.click(screen.getByTestId('target-remove-confirm'));
    expect(screen.getByTestId('targets-empty')).toBeTruthy();
    expect(getSignoff(doc).has(targetSignoffKey(target.id, 'marketing'))).toBe(false);
  });

  it('reads target values as a number the metric takes', () => {
    expect(parseTargetValue('winRate', '35,5')).toBe(35.5);
    expect(parseTargetValue('winRate', '101')).toBeNull();
    expect(parseTargetValue('avgDealSize', '12 000')).toBe(12000);
    expect(parseTargetValue('dealsWon', '-3')).toBeNull();
    expect(parseTargetValue('dealsWon', 'ten')).toBeNull();
  });

  it('opens the scorecard on the narrowest period with a target that holds today, else the latest', () => {
    const now = new Date('2027-02-10T12:00:00Z');
    expect(defaultPeriod(['2026', '2027', '2027-Q1', '2027-02'], now)).toBe('2027-02');
    expect(defaultPeriod(['2027', '2027-Q1'], now)).toBe('2027-Q1');
    expect(defaultPeriod(['2025-Q4', '2026-03'], now)).toBe('2026-03');
    expect(defaultPeriod([], now)).toBeNull();
  });
});
