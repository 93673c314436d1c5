// Issue 17's endpoints: the member's inbox, their notification settings, and asking a team to sign off.
import { z } from 'zod';
import type { InboxResponse, MarkReadRequest, NotificationSettings, NotificationSettingsResponse, SignoffRequest } from '../../../shared/feedback/api.ts';
import { inboxResponseSchema, notificationSettingsResponseSchema } from '../../../shared/feedback/api.ts';

type Request = <T>(path: string, schema: z.ZodType<T>, init?: RequestInit) => Promise<T>;
type Send = (path: string, init: RequestInit) => Promise<Response>;

const unreadSchema = z.object({ unread: z.number().int().nonnegative() });
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function inboxEndpoints(request: Request, send: Send) {
  return {
    /** The member's items, newest first: the latest `limit`, or those older than `before`. */
    getInbox(page: { limit?: number; before?: string } = {}, signal?: AbortSignal): Promise<InboxResponse> {
      const params = new URLSearchParams();
      if (page.limit !== undefined) params.set('limit', String(page.limit));
      if (page.before !== undefined) params.set('before', page.before);
      const query = params.size > 0 ? `?${params.toString()}` : '';
      return request(`/api/me/inbox${query}`, inboxResponseSchema, signal ? { signal } : {});
    },
    /** Marks items (or all) read; answers the unread count left. */
    async markInboxRead(which: MarkReadRequest): Promise<number> {
      return (await request('/api/me/inbox/read', unreadSchema, json('POST', which))).unread;
    },
    getNotificationSettings(signal?: AbortSignal): Promise<NotificationSettingsResponse> {
      return request('/api/me/notification-settings', notificationSettingsResponseSchema, signal ? { signal } : {});
    },
    saveNotificationSettings(settings: NotificationSettings): Promise<NotificationSettingsResponse> {
      return request('/api/me/notification-settings', notificationSettingsResponseSchema, json('PUT', settings));
    },
    /** Asks a team to sign a section off: its editors find it in their inbox. */
    async requestSignoff(personaId: string, body: SignoffRequest): Promise<void> {
      await send(`/api/personas/${encodeURIComponent(personaId)}/signoff-requests`, json('POST', body));
    },
  };
}
