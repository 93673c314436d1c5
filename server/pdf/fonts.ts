// The PDF's fonts: Source Sans 3 for text and Source Serif 4 for titles, from the pinned @fontsource packages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { Font } from '@react-pdf/renderer';

const require = createRequire(import.meta.url);

/**
 * Font subsets, in fallback order: the latin files cover English and Spanish (á é í ó ú ñ ü ¿ ¡ « »
 * “ ” – — € …); the others catch names and quotes in other European scripts. A character that none
 * covers (an emoji) is the one thing that cannot be drawn.
 */
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'greek'] as const;
type Subset = (typeof SUBSETS)[number];

const familyName = (base: string, subset: Subset): string => (subset === 'latin' ? base : `${base} ${subset}`);

/** The text font, with its fallbacks: use as `fontFamily`. */
export const SANS: string[] = SUBSETS.map((subset) => familyName('Tandem Sans', subset));
/** The titles' font, with its fallbacks. */
export const SERIF: string[] = SUBSETS.map((subset) => familyName('Tandem Serif', subset));

const SANS_FACES = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'normal' },
  { weight: 700, style: 'italic' },
] as const;

const SERIF_FACES = [
  { weight: 600, style: 'normal' },
  { weight: 700, style: 'normal' },
] as const;

/**
 * A bundled face as plain TrueType. The packages ship WOFF, whose tables fontkit inflates again on
 * every glyph it reads (a third of a render's time); unpacked once here, they are not.
 */
const unpacked = new Map<string, Buffer>();
export function fontBytes(pkg: 'source-sans-3' | 'source-serif-4', subset: Subset, weight: number, style: 'normal' | 'italic'): Buffer {
  const name = `${pkg}-${subset}-${weight}-${style}`;
  let bytes = unpacked.get(name);
  if (!bytes) {
    bytes = woffToSfnt(readFileSync(require.resolve(`@fontsource/${pkg}/files/${name}.woff`)));
    unpacked.set(name, bytes);
  }
  return bytes;
}

function fontFile(pkg: 'source-sans-3' | 'source-serif-4', subset: Subset, weight: number, style: 'normal' | 'italic'): string {
  return `data:font/ttf;base64,${fontBytes(pkg, subset, weight, style).toString('base64')}`;
}

/** WOFF 1.0 → the sfnt (TrueType/OpenType) font it wraps: the same tables, inflated, in a plain table directory. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error('a WOFF table does not inflate to its stated length');
    return { tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data };
  });
  const power = 2 ** Math.floor(Math.log2(numTables));
  const headerLength = 12 + numTables * 16;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((total, t) => total + padded(t.data.length), 0));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(numTables * 16 - power * 16, 10);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    out.writeUInt32BE(table.tag, record);
    out.writeUInt32BE(table.checksum, record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}

/**
 * What the bundled subsets can draw: their `unicode-range`s, as @fontsource's CSS declares them
 * (the same for both families and every weight).
 */
const COVERAGE: readonly (readonly [number, number])[] = [
  // latin
  [0x0000, 0x00ff], [0x0131, 0x0131], [0x0152, 0x0153], [0x02bb, 0x02bc], [0x02c6, 0x02c6], [0x02da, 0x02da], [0x02dc, 0x02dc],
  [0x0304, 0x0304], [0x0308, 0x0308], [0x0329, 0x0329], [0x2000, 0x206f], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2191, 0x2191],
  [0x2193, 0x2193], [0x2212, 0x2212], [0x2215, 0x2215], [0xfeff, 0xfeff], [0xfffd, 0xfffd],
  // latin-ext
  [0x0100, 0x02ba], [0x02bd, 0x02c5], [0x02c7, 0x02cc], [0x02ce, 0x02d7], [0x02dd, 0x02ff], [0x1d00, 0x1dbf], [0x1e00, 0x1e9f],
  [0x1ef2, 0x1eff], [0x2020, 0x2020], [0x20a0, 0x20ab], [0x20ad, 0x20c4], [0x2113, 0x2113], [0x2c60, 0x2c7f], [0xa720, 0xa7ff],
  // cyrillic
  [0x0301, 0x0301], [0x0400, 0x045f], [0x0490, 0x0491], [0x04b0, 0x04b1], [0x2116, 0x2116],
  // greek
  [0x0370, 0x0377], [0x037a, 0x037f], [0x0384, 0x038a], [0x038c, 0x038c], [0x038e, 0x03a1], [0x03a3, 0x03ff],
];

function isCovered(codePoint: number): boolean {
  return COVERAGE.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** Symbols people type that the fonts lack, written with characters they have. */
const SUBSTITUTES: ReadonlyMap<string, string> = new Map([
  ['→', '->'],
  ['←', '<-'],
  ['↔', '<->'],
  ['⇒', '=>'],
  ['⇐', '<='],
  ['≥', '>='],
  ['≤', '<='],
  ['≠', '!='],
  ['≈', '~'],
  ['∞', 'inf.'],
  ['√', 'sqrt'],
]);

/** An emoji, with its modifiers and joined sequence, and one space after it. */
const EMOJI =
  /(?:[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{2300}-\u{23FF}\u{1F1E6}-\u{1F1FF}](?:\uFE0F|\u20E3|[\u{1F3FB}-\u{1F3FF}]|\u200D)*)+ ?/gu;

/**
 * Text as the fonts can draw it: emoji, which no text font can, are left out (with the space after
 * them); a few symbols become their ASCII spelling; any other character the fonts lack becomes U+FFFD
 * rather than a wrong glyph.
 */
export function toDrawable(text: string): string {
  const normalized = text.normalize('NFC');
  if (![...normalized].some((ch) => !isCovered(ch.codePointAt(0) ?? 0))) return normalized;
  let out = '';
  for (const ch of normalized.replace(EMOJI, '')) {
    const codePoint = ch.codePointAt(0) ?? 0;
    if (isCovered(codePoint)) out += ch;
    else if (codePoint === 0xfe0e || codePoint === 0xfe0f) continue;
    else out += SUBSTITUTES.get(ch) ?? '\ufffd';
  }
  return out;
}

let registered = false;

/** Registers the fonts with react-pdf, once; later calls do nothing. */
export function registerPdfFonts(): void {
  if (registered) return;
  for (const subset of SUBSETS) {
    Font.register({
      family: familyName('Tandem Sans', subset),
      fonts: SANS_FACES.map(({ weight, style }) => ({ src: fontFile('source-sans-3', subset, weight, style), fontWeight: weight, fontStyle: style })),
    });
    Font.register({
      family: familyName('Tandem Serif', subset),
      fonts: SERIF_FACES.map(({ weight, style }) => ({ src: fontFile('source-serif-4', subset, weight, style), fontWeight: weight, fontStyle: style })),
    });
  }
  // Whole words only: react-pdf's default English hyphenation splits Spanish words in odd places.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
