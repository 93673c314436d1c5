// The persona PDF's look: colours, page geometry and type sizes, as one react-pdf stylesheet.
import { StyleSheet } from '@react-pdf/renderer';
import type { Side } from '../../shared/persona/types.ts';
import { SIDE_COLORS } from '../../shared/sides.ts';
import { SANS, SERIF } from './fonts.ts';

export const COLOR = {
  ink: '#1f2937',
  ink2: '#374151',
  muted: '#6b7280',
  faint: '#9ca3af',
  border: '#e5e7eb',
  surface: '#f6f7f9',
  success: '#15803d',
  successSoft: '#f0fdf4',
  successBorder: '#bbf7d0',
  warning: '#b45309',
  warningSoft: '#fffbeb',
  warningBorder: '#fde68a',
  neutral: '#4b5563',
  neutralSoft: '#f3f4f6',
  neutralBorder: '#e5e7eb',
  link: '#0f766e',
} as const;

const sideColor = (side: Side) => ({ fg: SIDE_COLORS[side].main, soft: SIDE_COLORS[side].soft, border: SIDE_COLORS[side].border });
/** The sides' colours come from shared/sides.ts, the same the workshop and the library show. */
export const SIDE_COLOR: Record<Side, { fg: string; soft: string; border: string }> = { marketing: sideColor('marketing'), sales: sideColor('sales') };

export type Tone = 'success' | 'warning' | 'neutral';
export const TONE: Record<Tone, { fg: string; soft: string; border: string }> = {
  success: { fg: COLOR.success, soft: COLOR.successSoft, border: COLOR.successBorder },
  warning: { fg: COLOR.warning, soft: COLOR.warningSoft, border: COLOR.warningBorder },
  neutral: { fg: COLOR.neutral, soft: COLOR.neutralSoft, border: COLOR.neutralBorder },
};

export const PAGE_X = 50;
/** Where the footer's text sits: its baseline, in points from the bottom of the page (see renderPdf.ts). */
export const FOOTER_BASELINE = 29.2;
export const FOOTER_SIZE = 8;
/** Room kept at the footer's right for the page number, which is drawn after layout. */
const PAGE_NUMBER_ROOM = 80;
/** Line height of body text. */
const LH = 1.45;

export const styles = StyleSheet.create({
  page: {
    fontFamily: SANS,
    fontSize: 10,
    // No lineHeight here: set on a Page, react-pdf 4.9 drops the fixed footer. Text styles set their own, always next to
    // a fontSize: react-pdf multiplies a unitless lineHeight by the same style's fontSize, 18 when it has none.
    color: COLOR.ink,
    paddingTop: 44,
    paddingBottom: 64,
    paddingHorizontal: PAGE_X,
  },
  stripe: { position: 'absolute', top: 0, left: 0, right: 0, height: 5, flexDirection: 'row' },
  stripeHalf: { flexGrow: 1, height: 5 },

  header: {
    flexDirection: 'row',
    alignItems: 'center',
    backgroundColor: COLOR.surface,
    borderRadius: 8,
    paddingVertical: 18,
    paddingHorizontal: 20,
  },
  avatar: { width: 60, height: 60, borderRadius: 30, alignItems: 'center', justifyContent: 'center', marginRight: 18 },
  avatarText: { fontFamily: SERIF, fontWeight: 700, fontSize: 22, lineHeight: 1, color: '#ffffff' },
  headerText: { flexGrow: 1, flexShrink: 1 },
  kicker: { fontSize: 7.5, fontWeight: 700, letterSpacing: 0.6, textTransform: 'uppercase', color: COLOR.muted },
  name: { fontFamily: SERIF, fontWeight: 700, fontSize: 24, lineHeight: 1.15, color: COLOR.ink, marginTop: 2 },
  roleLine: { fontSize: 12, color: COLOR.ink2, marginTop: 2 },
  details: { flexDirection: 'row', flexWrap: 'wrap', marginTop: 6 },
  detail: { fontSize: 9, color: COLOR.ink2, marginRight: 16 },
  detailLabel: { color: COLOR.muted },

  statusRow: { flexDirection: 'row', alignItems: 'center', marginTop: 10 },
  statusPill: { borderRadius: 3, paddingHorizontal: 6, paddingVertical: 1.5, marginRight: 8 },
  statusPillText: { fontSize: 8.5, fontWeight: 700, letterSpacing: 0.4 },
  statusDetail: { fontSize: 9.5, lineHeight: 1.3, color: COLOR.muted },

  note: { marginTop: 10, borderLeftWidth: 2.5, borderLeftColor: COLOR.faint, paddingLeft: 10, paddingVertical: 2 },
  noteLabel: { fontSize: 7.5, fontWeight: 700, letterSpacing: 0.5, textTransform: 'uppercase', color: COLOR.muted },
  noteText: { fontSize: 10, lineHeight: 1.4, fontStyle: 'italic', color: COLOR.ink2, marginTop: 1 },

  overview: { marginTop: 20 },
  overline: { fontSize: 8, fontWeight: 700, letterSpacing: 0.5, textTransform: 'uppercase', color: COLOR.muted, marginBottom: 4 },
  overviewLines: { flexDirection: 'row', flexWrap: 'wrap', marginBottom: 6 },
  overviewLine: { fontSize: 9, lineHeight: 1.4, color: COLOR.ink2, marginRight: 14 },
  table: { borderTopWidth: 1, borderTopColor: COLOR.ink2 },
  tableRow: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: COLOR.border, paddingVertical: 4 },
  tableHead: { borderBottomWidth: 0.75, borderBottomColor: COLOR.faint },
  cellSection: { width: '24%', paddingRight: 6 },
  cellSide: { width: '26%', paddingRight: 6, flexDirection: 'row' },
  cellEvidence: { width: '24%' },
  headText: { fontSize: 7.5, fontWeight: 700, letterSpacing: 0.6, textTransform: 'uppercase', color: COLOR.muted },
  cellText: { fontSize: 8.5, lineHeight: 1.3 },
  cellStrong: { fontSize: 9, fontWeight: 700, lineHeight: 1.3 },
  cellMuted: { fontSize: 7.5, color: COLOR.muted, lineHeight: 1.3 },
  cellBody: { flexGrow: 1, flexShrink: 1, flexBasis: 0 },
  dot: { width: 6, height: 6, borderRadius: 3, marginTop: 3, marginRight: 5, borderWidth: 1, flexShrink: 0 },

  sectionHead: { marginTop: 22, borderBottomWidth: 0.75, borderBottomColor: COLOR.border, paddingBottom: 6, marginBottom: 8 },
  sectionTitleRow: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end' },
  sectionTitle: { fontFamily: SERIF, fontWeight: 600, fontSize: 16, lineHeight: 1.2, color: COLOR.ink, flexShrink: 1, paddingRight: 10 },
  badges: { flexDirection: 'row', flexWrap: 'wrap', marginTop: 5 },
  badge: { flexDirection: 'row', borderWidth: 0.75, borderRadius: 3, paddingHorizontal: 5, paddingVertical: 1.5, marginRight: 5, marginTop: 2 },
  badgeSide: { fontSize: 7, fontWeight: 700, letterSpacing: 0.6, textTransform: 'uppercase', marginRight: 4, lineHeight: 1.5 },
  badgeText: { fontSize: 7.5, lineHeight: 1.4 },
  emptyText: { fontSize: 9.5, lineHeight: LH, fontStyle: 'italic', color: COLOR.muted },

  paragraph: { fontSize: 10, lineHeight: LH, marginBottom: 6 },
  h1: { fontSize: 12.5, fontWeight: 700, lineHeight: 1.3, marginTop: 4, marginBottom: 4 },
  h2: { fontSize: 11.5, fontWeight: 700, lineHeight: 1.3, marginTop: 3, marginBottom: 3 },
  h3: { fontSize: 10.5, fontWeight: 700, lineHeight: 1.3, marginTop: 2, marginBottom: 3, color: COLOR.ink2 },
  list: { marginBottom: 4 },
  listNested: { marginTop: 1, marginBottom: 0 },
  listItem: { flexDirection: 'row', marginBottom: 2 },
  marker: { width: 14, fontSize: 10, lineHeight: LH, color: COLOR.muted },
  markerOrdered: { width: 18, fontSize: 10, lineHeight: LH, color: COLOR.muted, fontWeight: 700 },
  listBody: { flexGrow: 1, flexShrink: 1 },
  itemParagraph: { fontSize: 10, lineHeight: LH, marginBottom: 1 },
  assumption: { fontSize: 7.5, fontStyle: 'italic', color: COLOR.muted },
  quote: { borderLeftWidth: 2.5, borderLeftColor: '#cbd5e1', paddingLeft: 10, marginBottom: 6, marginTop: 1 },
  quoteText: { fontStyle: 'italic', color: COLOR.ink2 },
  code: { backgroundColor: COLOR.neutralSoft, borderRadius: 4, paddingVertical: 6, paddingHorizontal: 8, marginBottom: 6 },
  codeText: { fontSize: 9, color: COLOR.ink2, lineHeight: 1.4 },
  rule: { height: 0.75, backgroundColor: COLOR.border, marginVertical: 8 },

  bold: { fontWeight: 700 },
  italic: { fontStyle: 'italic' },
  inlineCode: { backgroundColor: '#eef0f3', color: COLOR.ink2 },
  link: { color: COLOR.link },
  underline: { textDecoration: 'underline' },
  strike: { textDecoration: 'line-through' },
  underlineStrike: { textDecoration: 'underline line-through' },
  refs: { fontSize: 7.5, fontWeight: 700, color: COLOR.muted, verticalAlign: 'super' },

  appendixInline: { marginTop: 28 },
  evidenceTitle: { fontFamily: SERIF, fontWeight: 600, fontSize: 18, lineHeight: 1.2 },
  evidenceIntro: { fontSize: 9, lineHeight: 1.4, color: COLOR.muted, marginTop: 3 },
  group: { marginTop: 16 },
  groupHead: { flexDirection: 'row', alignItems: 'center', borderBottomWidth: 1.5, paddingBottom: 4, marginBottom: 6 },
  groupTitle: { fontFamily: SERIF, fontWeight: 600, fontSize: 13, lineHeight: 1.2 },
  groupCount: { fontSize: 8.5, color: COLOR.muted, marginLeft: 8, marginTop: 2 },
  item: { flexDirection: 'row', paddingVertical: 5, borderBottomWidth: 0.5, borderBottomColor: COLOR.border },
  itemRef: { width: 26, marginRight: 8, alignSelf: 'flex-start', borderRadius: 3, paddingVertical: 1.5, alignItems: 'center', borderWidth: 0.75 },
  itemRefText: { fontSize: 8, fontWeight: 700, lineHeight: 1.3 },
  itemBody: { flexGrow: 1, flexShrink: 1 },
  itemText: { fontSize: 9.5, lineHeight: 1.4 },
  itemMeta: { fontSize: 8, color: COLOR.muted, lineHeight: 1.35, marginTop: 1.5 },
  itemKind: { fontWeight: 700, color: COLOR.ink2 },

  footer: {
    position: 'absolute',
    bottom: 26,
    left: PAGE_X,
    right: PAGE_X,
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderTopWidth: 0.5,
    borderTopColor: COLOR.border,
    paddingTop: 6,
  },
  footerText: { fontSize: FOOTER_SIZE, color: COLOR.muted, flexShrink: 1, paddingRight: PAGE_NUMBER_ROOM },
});
