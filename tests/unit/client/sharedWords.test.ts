import { describe, expect, it } from 'vitest';
import { translate } from '../../../client/src/i18n/index.ts';
import { pickColor } from '../../../client/src/session/user.ts';
import { applySideColors } from '../../../client/src/ui/sideColors.ts';
import { LOCALES } from '../../../shared/locale.ts';
import { labelMessages, referenceLabel } from '../../../shared/persona/labels.ts';
import { SIDES } from '../../../shared/persona/schema.ts';
import { SIDE_COLORS } from '../../../shared/sides.ts';

describe('the words and colours the client shares with the PDF', () => {
  it.each(LOCALES)('names sections, sides and evidence kinds with the shared labels (%s)', (locale) => {
    const shared = labelMessages(locale);
    expect(Object.keys(shared).length).toBeGreaterThan(0);
    for (const [key, label] of Object.entries(shared)) expect(translate(locale, key as keyof typeof shared), key).toBe(label);
  });

  it.each(LOCALES)('writes evidence references with the shared letters (%s)', (locale) => {
    for (const side of SIDES) expect(translate(locale, `library.ref.${side}`, { n: 3 })).toBe(referenceLabel(locale, { side, n: 3 }));
  });

  it('sets the side colours on the root from the shared module', () => {
    const root = document.createElement('div');
    applySideColors(root);
    for (const side of SIDES) {
      const colors = SIDE_COLORS[side];
      expect(root.style.getPropertyValue(`--color-${side}`)).toBe(colors.main);
      expect(root.style.getPropertyValue(`--color-${side}-soft`)).toBe(colors.soft);
      expect(root.style.getPropertyValue(`--color-${side}-border`)).toBe(colors.border);
      expect(root.style.getPropertyValue(`--color-${side}-ink`)).toBe(colors.ink);
    }
  });

  it("picks carets among the side's shared shades", () => {
    for (const side of SIDES) {
      const shades = SIDE_COLORS[side].carets;
      expect(pickColor(side, () => 0)).toBe(shades[0]);
      expect(pickColor(side, () => 0.999)).toBe(shades.at(-1));
    }
  });
});
