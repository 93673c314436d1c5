// Marketing's and sales' colours reach the CSS from shared/sides.ts, the one place they are written (the PDF reads it too).
import { SIDES } from '../../../shared/persona/schema.ts';
import { SIDE_COLORS } from '../../../shared/sides.ts';

/** Sets `--color-marketing` and its `-soft`, `-border` and `-ink` shades (and sales') on `root`; call it before the first render. */
export function applySideColors(root: HTMLElement): void {
  for (const side of SIDES) {
    const { main, soft, border, ink } = SIDE_COLORS[side];
    root.style.setProperty(`--color-${side}`, main);
    root.style.setProperty(`--color-${side}-soft`, soft);
    root.style.setProperty(`--color-${side}-border`, border);
    root.style.setProperty(`--color-${side}-ink`, ink);
  }
}
