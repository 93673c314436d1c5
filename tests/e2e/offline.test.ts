import { describe, expect, it } from 'vitest';
import { ANA, BEN, addEvidenceOnBoard, connectionIs, eventuallyContains, openWorkshop, screenshot, sectionText, typeAtEnd, useApp } from './app.ts';

describe('working through a bad connection', () => {
  const app = useApp();

  it('one person goes offline, both keep editing, and on return both converge with nothing lost', async () => {
    const id = await app.createPersona({ template: 'blank' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);

    await ana.context().setOffline(true);
    await connectionIs(ana, 'offline');
    await screenshot(ana, 'workshop-offline');
    await typeAtEnd(ana, 'pains', 'Ana, offline: churn after onboarding.');
    await typeAtEnd(ben, 'pains', 'Ben, online: legal review takes weeks.');
    await ana.getByTestId('profile-name').fill('Named offline');
    // Evidence and threads are kept offline too.
    await addEvidenceOnBoard(ana, 'marketing', { kind: 'Metric', text: 'Churn is 3× higher without onboarding', source: 'Mixpanel', section: 'Pains & challenges' });
    await ana.locator('#section-pains').getByRole('button', { name: 'Discuss' }).click();
    await ana.getByRole('region', { name: 'Feedback threads' }).getByLabel('Your message').fill('Sales, do you hear this in calls?');
    await ana.getByRole('button', { name: 'Start thread' }).click();

    await ana.context().setOffline(false);
    await connectionIs(ana, 'connected');
    await eventuallyContains(ben, 'pains', 'Ana, offline: churn after onboarding.');
    await eventuallyContains(ana, 'pains', 'Ben, online: legal review takes weeks.');
    await expect.poll(() => ben.getByTestId('profile-name').inputValue(), { timeout: 15_000 }).toBe('Named offline');
    await expect.poll(() => ben.locator('[data-evidence-side="marketing"]').allInnerTexts(), { timeout: 15_000 }).toEqual([
      expect.stringContaining('Churn is 3× higher'),
    ]);
    await expect.poll(() => ben.locator('#section-pains [data-open-threads]').getAttribute('data-open-threads'), { timeout: 15_000 }).toBe('1');
    // Converged: the same text, character for character, on both screens.
    await expect.poll(async () => (await sectionText(ana, 'pains')) === (await sectionText(ben, 'pains')), { timeout: 15_000 }).toBe(true);
  });

  it('a reload while the server is unreachable shows the last state, and edits made then sync on return', async () => {
    const id = await app.createPersona({ template: 'b2b' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);
    await typeAtEnd(ana, 'channels', ' Webinars with peers.');
    await eventuallyContains(ben, 'channels', 'Webinars with peers.');

    await ana.context().setOffline(true);
    await ana.reload();
    // The app comes from the service worker's cache and the persona from IndexedDB.
    await connectionIs(ana, 'offline');
    await eventuallyContains(ana, 'channels', 'Webinars with peers.');
    await typeAtEnd(ana, 'channels', ' Typed after an offline reload.');

    await ana.context().setOffline(false);
    await connectionIs(ana, 'connected');
    await eventuallyContains(ben, 'channels', 'Typed after an offline reload.');
    // Nothing doubled: what was typed before going offline is there once.
    const channels = await sectionText(ben, 'channels');
    expect(channels.split('Webinars with peers.').length - 1).toBe(1);
  });
});
