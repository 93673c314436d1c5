/*
 * Webhooks and their deliveries (issue 17), run against every storage backend:
 * WH1  hooks read back as added, oldest first; updateHook changes only what it is given; a missing hook is null
 * WH2  removeHook removes the hook and its deliveries; false for none
 * WH3  deliveries are pending and due at once; a delivery for a missing hook is dropped; due lists them oldest first
 * WH4  recordAttempt counts attempts and keeps the last answer; pending with nextAt is due again then; delivered or failed is never due
 * WH5  a hook's log keeps the `keep` newest finished deliveries, never trimming pending ones
 * WH6  hooks and pending deliveries survive close and reopen
 * WH7  erasing a persona forgets its deliveries, and only its
 * WH8  once closed, every call rejects with a StoreError
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NewDelivery, WebhookRecord } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { entry, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, second)).toISOString();

const hook = (id: string, overrides: Partial<WebhookRecord> = {}): WebhookRecord => ({
  id,
  url: `https://hooks.example.com/${id}`,
  events: ['published', 'mention'],
  format: 'json',
  secret: 's'.repeat(43),
  createdAt: at(0),
  createdBy: 'admin-1',
  ...overrides,
});

const delivery = (id: string, hookId: string, second = 1, personaId: string | null = 'p1'): NewDelivery => ({
  id,
  hookId,
  event: 'published',
  personaId,
  body: `{"id":"${id}"}`,
  createdAt: at(second),
});

const done = (second: number, status: 'delivered' | 'failed' = 'delivered') => ({ at: at(second), statusCode: 200, error: null, status, nextAt: null });

export function describeWebhooksContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`Webhooks contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    it('[WH1] reads hooks back as added and changes only what an update gives', async () => {
      const { webhooks } = await open();
      await webhooks.addHook(hook('h1'));
      await webhooks.addHook(hook('h2', { format: 'slack', createdBy: null }));
      expect(await webhooks.listHooks()).toEqual([hook('h1'), hook('h2', { format: 'slack', createdBy: null })]);
      expect(await webhooks.updateHook('h1', { events: ['target-met'] })).toEqual(hook('h1', { events: ['target-met'] }));
      expect(await webhooks.updateHook('h1', { url: 'http://x.example/a', format: 'teams' })).toEqual(
        hook('h1', { events: ['target-met'], url: 'http://x.example/a', format: 'teams' }),
      );
      expect(await webhooks.updateHook('nope', { format: 'json' })).toBeNull();
      expect(await webhooks.getHook('nope')).toBeNull();
    });

    it('[WH2] removes a hook with its deliveries', async () => {
      const { webhooks } = await open();
      await webhooks.addHook(hook('h1'));
      await webhooks.addDeliveries([delivery('d1', 'h1')]);
      expect(await webhooks.removeHook('h1')).toBe(true);
      expect(await webhooks.removeHook('h1')).toBe(false);
      expect(await webhooks.listDeliveries('h1', 10)).toEqual([]);
      expect(await webhooks.dueDeliveries(at(59), 10)).toEqual([]);
    });

    it('[WH3] queues deliveries pending and due at once, dropping those of a missing hook', async () => {
      const { webhooks } = await open();
      await webhooks.addHook(hook('h1'));
      await webhooks.addDeliveries([delivery('d2', 'h1', 2), delivery('d1', 'h1', 1), delivery('dx', 'gone', 1)]);
      expect((await webhooks.dueDeliveries(at(1), 10)).map((d) => d.id)).toEqual(['d1']);
      expect(await webhooks.dueDeliveries(at(5), 10)).toMatchObject([
        { id: 'd1', hookId: 'h1', status: 'pending', attempts: 0, nextAt: at(1), body: '{"id":"d1"}', statusCode: null, lastError: null },
        { id: 'd2', status: 'pending' },
      ]);
      expect(await webhooks.nextDueAt()).toBe(at(1));
    });

    it('[WH4] records attempts: a retry is due again later, a finished delivery never', async () => {
      const { webhooks } = await open();
      await webhooks.addHook(hook('h1'));
      await webhooks.addDeliveries([delivery('d1', 'h1'), delivery('d2', 'h1')]);
      await webhooks.recordAttempt('d1', { at: at(2), statusCode: 500, error: 'HTTP 500', status: 'pending', nextAt: at(10) }, 50);
      await webhooks.recordAttempt('d2', { at: at(2), statusCode: null, error: 'timed out', status: 'failed', nextAt: null }, 50);
      expect(await webhooks.dueDeliveries(at(9), 10)).toEqual([]);
      expect(await webhooks.nextDueAt()).toBe(at(10));
      expect(await webhooks.dueDeliveries(at(10), 10)).toMatchObject([{ id: 'd1', attempts: 1, statusCode: 500, lastError: 'HTTP 500', lastAttemptAt: at(2) }]);
      await webhooks.recordAttempt('d1', done(11), 50);
      expect(await webhooks.nextDueAt()).toBeNull();
      expect(await webhooks.listDeliveries('h1', 10)).toMatchObject([
        { id: 'd2', status: 'failed', attempts: 1, statusCode: null, lastError: 'timed out', nextAt: null },
        { id: 'd1', status: 'delivered', attempts: 2, statusCode: 200, lastError: null, nextAt: null },
      ]);
    });

    it('[WH5] keeps the newest finished deliveries of a hook and every pending one', async () => {
      const { webhooks } = await open();
      await webhooks.addHook(hook('h1'));
      await webhooks.addHook(hook('h2'));
      await webhooks.addDeliveries(['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => delivery(id, 'h1')));
      await webhooks.addDeliveries([delivery('other', 'h2')]);
      await webhooks.recordAttempt('other', done(2), 2);
      for (const id of ['d1', 'd2', 'd4']) await webhooks.recordAttempt(id, done(3, 'failed'), 2);
      expect((await webhooks.listDeliveries('h1', 10)).map((d) => d.id)).toEqual(['d5', 'd4', 'd3', 'd2']);
      await webhooks.recordAttempt('d5', done(4), 2);
      expect((await webhooks.listDeliveries('h1', 10)).map((d) => d.id)).toEqual(['d5', 'd4', 'd3']);
      expect((await webhooks.listDeliveries('h1', 1)).map((d) => d.id)).toEqual(['d5']);
      expect((await webhooks.listDeliveries('h2', 10)).map((d) => d.id)).toEqual(['other']);
    });

    it('[WH6] hooks and pending deliveries survive close and reopen', async () => {
      const first = await open();
      await first.webhooks.addHook(hook('h1'));
      await first.webhooks.addDeliveries([delivery('d1', 'h1')]);
      const { webhooks } = await reopen();
      expect(await webhooks.getHook('h1')).toEqual(hook('h1'));
      expect((await webhooks.dueDeliveries(at(1), 10)).map((d) => d.id)).toEqual(['d1']);
    });

    it('[WH7] erasing a persona forgets its deliveries and only its', async () => {
      const storage = await open();
      for (const id of ['p1', 'p2']) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      await storage.webhooks.addHook(hook('h1'));
      await storage.webhooks.addDeliveries([delivery('d1', 'h1', 1, 'p1'), delivery('d2', 'h1', 1, 'p2'), delivery('t', 'h1', 1, null)]);
      await storage.index.trash('p1', at(1));
      expect(await storage.erasePersona('p1')).toBe(true);
      expect((await storage.webhooks.listDeliveries('h1', 10)).map((d) => d.id)).toEqual(['t', 'd2']);
    });

    it('[WH8] rejects every call with a StoreError once closed', async () => {
      const storage = await open();
      await storage.close();
      await expect(storage.webhooks.listHooks()).rejects.toBeInstanceOf(StoreError);
      await expect(storage.webhooks.addHook(hook('h1'))).rejects.toBeInstanceOf(StoreError);
      await expect(storage.webhooks.dueDeliveries(at(1), 10)).rejects.toBeInstanceOf(StoreError);
    });
  });
}
