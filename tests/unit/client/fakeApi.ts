import { vi } from 'vitest';
import type { ApiClient } from '../../../client/src/api/http.ts';

/** An API whose every call fails the test, except the ones a test supplies. */
export function fakeApiClient(overrides: Partial<ApiClient>): ApiClient {
  const unexpected = (name: string) =>
    vi.fn(() => Promise.reject(new Error(`the test did not expect a call to api.${name}`)));
  return {
    listPersonas: unexpected('listPersonas'),
    createPersona: unexpected('createPersona'),
    getPersonaStatus: unexpected('getPersonaStatus'),
    changeLifecycle: unexpected('changeLifecycle'),
    publish: unexpected('publish'),
    listLibrary: unexpected('listLibrary'),
    getPublished: unexpected('getPublished'),
    getActivity: unexpected('getActivity'),
    fetchPdf: unexpected('fetchPdf'),
    getMe: unexpected('getMe'),
    getAuthConfig: unexpected('getAuthConfig'),
    listMembers: unexpected('listMembers'),
    createMember: unexpected('createMember'),
    updateMember: unexpected('updateMember'),
    removeMember: unexpected('removeMember'),
    listTokens: unexpected('listTokens'),
    createToken: unexpected('createToken'),
    revokeToken: unexpected('revokeToken'),
    getHistory: unexpected('getHistory'),
    getCheckpoint: unexpected('getCheckpoint'),
    restoreDraft: unexpected('restoreDraft'),
    dryRunImport: unexpected('dryRunImport'),
    runImport: unexpected('runImport'),
    listImports: unexpected('listImports'),
    getPersonaMap: unexpected('getPersonaMap'),
    savePersonaMap: unexpected('savePersonaMap'),
    getScorecard: unexpected('getScorecard'),
    getReport: unexpected('getReport'),
    listNotices: unexpected('listNotices'),
    markNoticeRead: unexpected('markNoticeRead'),
    listWebhooks: unexpected('listWebhooks'),
    createWebhook: unexpected('createWebhook'),
    updateWebhook: unexpected('updateWebhook'),
    removeWebhook: unexpected('removeWebhook'),
    listDeliveries: unexpected('listDeliveries'),
    testWebhook: unexpected('testWebhook'),
    getInbox: unexpected('getInbox'),
    markInboxRead: unexpected('markInboxRead'),
    getNotificationSettings: unexpected('getNotificationSettings'),
    saveNotificationSettings: unexpected('saveNotificationSettings'),
    requestSignoff: unexpected('requestSignoff'),
    ...overrides,
  };
}
