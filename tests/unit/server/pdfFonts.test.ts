import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from '../../../server/pdf/fonts.ts';

const require = createRequire(import.meta.url);
const woff = readFileSync(require.resolve('@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff'));

describe('the bundled fonts, unpacked from WOFF', () => {
  it('keeps every table, inflated to its stated length, at 4-byte aligned offsets', () => {
    const sfnt = woffToSfnt(woff);
    const numTables = woff.readUInt16BE(12);
    expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4));
    expect(sfnt.readUInt16BE(4)).toBe(numTables);
    // The size the WOFF header says the unpacked font has.
    expect(sfnt.length).toBe(woff.readUInt32BE(16));
    for (let i = 0; i < numTables; i++) {
      const record = 12 + i * 16;
      expect(sfnt.toString('latin1', record, record + 4)).toBe(woff.toString('latin1', 44 + i * 20, 44 + i * 20 + 4));
      expect(sfnt.readUInt32BE(record + 8) % 4).toBe(0);
      expect(sfnt.readUInt32BE(record + 12)).toBe(woff.readUInt32BE(44 + i * 20 + 12));
    }
  });

  it('refuses what is not a WOFF file', () => {
    expect(() => woffToSfnt(Buffer.from('not a font at all, clearly not'.padEnd(64, '.')))).toThrow(/not a WOFF/);
  });
});
