import { describeHistoryContract } from './historyContract.ts';
import { describeActivityContract } from './activityContract.ts';
import { describeCrmContract } from './crmContract.ts';
import { describeInboxContract } from './inboxContract.ts';
import { describeLibraryContract } from './libraryContract.ts';
import { describePeopleContract } from './peopleContract.ts';
import { describePersonaIndexContract } from './personaIndexContract.ts';
import type { StorageHarness } from './fixtures.ts';
import { describeUpdateLogContract } from './updateLogContract.ts';
import { describeMailQueueContract } from './mailQueueContract.ts';
import { describeWebhooksContract } from './webhooksContract.ts';

export type { StorageHarness } from './fixtures.ts';

/**
 * Every storage backend runs the contract suites, one per concern (tldraw's
 * storageContractSuite is the model); each rule has an id its test quotes: LOG, IDX, LIB, PPL, HIS, ACT, CRM, MQ, WH, INB.
 */
export function describeStorageContract(backend: string, makeHarness: () => StorageHarness): void {
  describeUpdateLogContract(backend, makeHarness);
  describePersonaIndexContract(backend, makeHarness);
  describeLibraryContract(backend, makeHarness);
  describePeopleContract(backend, makeHarness);
  describeHistoryContract(backend, makeHarness);
  describeActivityContract(backend, makeHarness);
  describeCrmContract(backend, makeHarness);
  describeMailQueueContract(backend, makeHarness);
  describeWebhooksContract(backend, makeHarness);
  describeInboxContract(backend, makeHarness);
}
