import { describeCrmContract } from './crmContract.ts';
import { describeLibraryContract } from './libraryContract.ts';
import { describePeopleContract } from './peopleContract.ts';
import { describePersonaIndexContract } from './personaIndexContract.ts';
import type { StorageHarness } from './fixtures.ts';
import { describeUpdateLogContract } from './updateLogContract.ts';

export type { StorageHarness } from './fixtures.ts';

/**
 * Every storage backend runs the four contract suites, one per concern (tldraw's
 * storageContractSuite is the model); each rule has an id its test quotes: LOG, IDX, LIB, PPL, CRM.
 */
export function describeStorageContract(backend: string, makeHarness: () => StorageHarness): void {
  describeUpdateLogContract(backend, makeHarness);
  describePersonaIndexContract(backend, makeHarness);
  describeLibraryContract(backend, makeHarness);
  describePeopleContract(backend, makeHarness);
  describeCrmContract(backend, makeHarness);
}
