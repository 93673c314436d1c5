import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts';
import { screenshot, useApp } from './app.ts';

describe('webhooks, from the admin’s page to a receiver', () => {
  const app = useApp();
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('[issue 17] the admin adds a hook, sees its secret once, sends a test, reads the failures in its log and removes it', async () => {
    const admin = await app.person({ token: app.server.people.admin.token });
    await admin.goto('/');
    await admin.getByTestId('nav-webhooks').click();
    await admin.waitForURL('**/webhooks');
    await admin.getByText('No webhooks yet.', { exact: false }).waitFor();
    await screenshot(admin, 'webhooks-empty');

    // A bad address is refused here, before the server is asked.
    await admin.getByTestId('webhook-url').fill('ftp://hooks.example.com');
    await admin.getByTestId('webhook-submit').click();
    await admin.getByRole('alert').getByText('Enter a full address', { exact: false }).waitFor();

    await admin.getByTestId('webhook-url').fill(receiver.url);
    await admin.getByTestId('webhook-event-mention').check();
    await admin.getByTestId('webhook-format').selectOption('slack');
    await admin.getByTestId('webhook-submit').click();
    const secret = await admin.getByTestId('webhook-secret-value').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const hook = admin.getByTestId('webhook');
    await hook.getByText('Slack incoming webhook').waitFor();
    await hook.getByText('Nothing sent yet').waitFor();
    await screenshot(admin, 'webhooks-added');

    await hook.getByTestId('webhook-test').click();
    await hook.getByTestId('webhook-test-result').getByText('The test was delivered (HTTP 200).').waitFor();
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({ text: expect.stringContaining('A test from Tandem') });

    receiver.answerWith([500]);
    await hook.getByTestId('webhook-test').click();
    await hook.getByTestId('webhook-test-result').getByText('The test was not delivered: HTTP 500').waitFor();
    await hook.getByTestId('webhook-log-toggle').click();
    await expect.poll(() => hook.getByTestId('webhook-delivery').count()).toBe(2);
    await hook.getByTestId('webhook-deliveries').getByText('Retrying · 500').waitFor();
    await screenshot(admin, 'webhooks-log');

    // The secret is never shown again: a reload lists the hook without it.
    await admin.reload();
    await admin.getByTestId('webhook').waitFor();
    expect(await admin.getByTestId('webhook-secret').count()).toBe(0);
    expect(await admin.content()).not.toContain(secret);

    await admin.getByRole('button', { name: `Remove the webhook to ${receiver.url}` }).click();
    await admin.getByTestId('confirm-remove-webhook').getByRole('button', { name: 'Remove webhook' }).click();
    await admin.getByText('No webhooks yet.', { exact: false }).waitFor();
  });

  it('[issue 17] the page speaks Spanish, and editors have no link to it', async () => {
    const admin = await app.person({ token: app.server.people.admin.token, locale: 'es-ES' });
    await admin.goto('/webhooks');
    await admin.getByRole('heading', { name: 'Añadir un webhook' }).waitFor();
    await admin.getByText('Aún no hay webhooks.', { exact: false }).waitFor();
    await screenshot(admin, 'webhooks-es');

    const editor = await app.person({ token: app.server.editorToken });
    await editor.goto('/');
    await editor.getByTestId('persona-list-empty').or(editor.getByTestId('persona-list')).waitFor();
    expect(await editor.getByTestId('nav-webhooks').count()).toBe(0);
  });
});
