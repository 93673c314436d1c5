// Targets on the persona (SPEC §8) read with the server's attribution (SPEC §6).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Attribution } from '../../../shared/persona/authors.ts';
import { PersonaShapeError } from '../../../shared/persona/converters.ts';
import { getSignoff } from '../../../shared/persona/schema.ts';
import {
  addTarget,
  isTargetSignoffKey,
  readStoredTargets,
  readTargets,
  removeTarget,
  signOffTarget,
  targetFingerprint,
  updateTarget,
  withdrawTargetSignoff,
} from '../../../shared/persona/targets.ts';
import { ADA, DIRECTORY, LEGACY_CLIENT, MARA, OPERATOR, recordEveryone, SAM, writeAs } from './authored.ts';

const GOAL = { metric: 'winRate', value: 30, period: '2027-Q1' } as const;

function proposed() {
  const doc = recordEveryone(new Y.Doc());
  const target = writeAs(doc, MARA.clientId, () => addTarget(doc, GOAL));
  return { doc, target, read: () => readTargets(doc, Attribution.of(doc, DIRECTORY)) };
}

describe('[§8] targets and their two keys', () => {
  it('a proposed target is not agreed; one key is not enough; both genuine current keys agree it', () => {
    const { doc, target, read } = proposed();
    expect(read()).toEqual([{ ...target, agreed: false, signoffs: { marketing: null, sales: null } }]);
    writeAs(doc, MARA.clientId, () => signOffTarget(doc, target.id, { by: 'Mara', side: 'marketing' }));
    expect(read()[0]).toMatchObject({ agreed: false, signoffs: { marketing: { by: 'Mara', memberId: MARA.id, stale: false }, sales: null } });
    writeAs(doc, SAM.clientId, () => signOffTarget(doc, target.id, { by: 'Whoever', side: 'sales' }));
    // Named as the member who signed, not as the text stated.
    expect(read()[0]).toMatchObject({ agreed: true, signoffs: { sales: { by: 'Sam', memberId: SAM.id, stale: false } } });
  });

  it('any change to the metric, value or period makes both keys stale; changing it back makes them current again', () => {
    const { doc, target, read } = proposed();
    writeAs(doc, MARA.clientId, () => signOffTarget(doc, target.id, { by: 'Mara', side: 'marketing' }));
    writeAs(doc, SAM.clientId, () => signOffTarget(doc, target.id, { by: 'Sam', side: 'sales' }));
    for (const change of [{ value: 31 }, { period: '2027-Q2' }, { metric: 'dealsWon' }] as const) {
      writeAs(doc, SAM.clientId, () => updateTarget(doc, target.id, change));
      expect(read()[0]).toMatchObject({ agreed: false, signoffs: { marketing: { stale: true }, sales: { stale: true } } });
      writeAs(doc, SAM.clientId, () => updateTarget(doc, target.id, GOAL));
      expect(read()[0]?.agreed).toBe(true);
    }
    expect(targetFingerprint(GOAL)).not.toBe(targetFingerprint({ ...GOAL, value: 30.5 }));
  });

  it('[§6] a forged key (marketing writing sales), the Operator’s, team other’s or one from before members counts for nobody', () => {
    const { doc, target, read } = proposed();
    writeAs(doc, MARA.clientId, () => signOffTarget(doc, target.id, { by: 'Mara', side: 'marketing' }));
    for (const clientId of [MARA.clientId, OPERATOR.clientId, ADA.clientId, LEGACY_CLIENT]) {
      writeAs(doc, clientId, () => signOffTarget(doc, target.id, { by: 'Sam', side: 'sales' }));
      expect(read()[0]).toMatchObject({ agreed: false, signoffs: { sales: null } });
    }
    // A genuine key with one field overwritten by someone else is no key either.
    writeAs(doc, SAM.clientId, () => signOffTarget(doc, target.id, { by: 'Sam', side: 'sales' }));
    expect(read()[0]?.agreed).toBe(true);
    const key = getSignoff(doc).get(`target:${target.id}:sales`) as Y.Map<unknown>;
    writeAs(doc, MARA.clientId, () => key.set('at', new Date().toISOString()));
    expect(read()[0]?.agreed).toBe(false);
  });

  it('withdrawing a key un-agrees; removing a target removes its keys; bad targets are refused or skipped', () => {
    const { doc, target, read } = proposed();
    writeAs(doc, MARA.clientId, () => signOffTarget(doc, target.id, { by: 'Mara', side: 'marketing' }));
    writeAs(doc, SAM.clientId, () => signOffTarget(doc, target.id, { by: 'Sam', side: 'sales' }));
    expect(withdrawTargetSignoff(doc, target.id, 'sales')).toBe(true);
    expect(read()[0]?.agreed).toBe(false);
    expect(removeTarget(doc, target.id)).toBe(true);
    expect(read()).toEqual([]);
    expect([...getSignoff(doc).keys()]).toEqual([]);
    expect(removeTarget(doc, target.id)).toBe(false);
    expect(signOffTarget(doc, 'nope', { by: 'Mara', side: 'marketing' })).toBeNull();
    expect(() => addTarget(doc, { ...GOAL, value: 120 })).toThrow(PersonaShapeError);
    expect(() => addTarget(doc, { ...GOAL, period: '2027-Q5' })).toThrow(PersonaShapeError);
    expect(() => addTarget(doc, { ...GOAL, value: -1 })).toThrow(PersonaShapeError);
    doc.getArray('targets').push([new Y.Map<unknown>(Object.entries({ id: 'bad', metric: 'revenue', value: 1, period: '2027' }))]);
    expect(readStoredTargets(doc)).toEqual([]);
    expect(isTargetSignoffKey('target:abc_1:sales')).toBe(true);
    expect(isTargetSignoffKey('target:abc:other')).toBe(false);
    expect(isTargetSignoffKey('summary:sales')).toBe(false);
  });
});
