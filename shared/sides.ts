// Marketing's and sales' colours: one each, the same in carets, evidence, balance bars, the library and the PDF.
import type { Side } from './persona/schema.ts';

export interface SideColors {
  /** The side's colour: text, marks, bars, the PDF's stripe. */
  main: string;
  /** A light tint behind the side's labels and cards. */
  soft: string;
  /** A border between the two. */
  border: string;
  /** Dark text on the soft tint. */
  ink: string;
  /** Caret colours: each person gets one, every one reads as the side's colour. */
  carets: readonly [string, ...string[]];
}

const MARKETING = '#2563eb';
const SALES = '#ea580c';

export const SIDE_COLORS: Readonly<Record<Side, SideColors>> = {
  marketing: { main: MARKETING, soft: '#dbeafe', border: '#bfdbfe', ink: '#1e3a8a', carets: [MARKETING, '#1d4ed8', '#4f46e5', '#0369a1', '#3b82f6'] },
  sales: { main: SALES, soft: '#ffedd5', border: '#fed7aa', ink: '#7c2d12', carets: [SALES, '#c2410c', '#d97706', '#b45309', '#f97316'] },
};
