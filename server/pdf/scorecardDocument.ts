// The scorecard drawn with react-pdf (SPEC §8): a table of targets against actuals, loss reasons, and
// the trend as vector line charts (react-pdf's Svg primitives); also the joint report's document.
import { createElement } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { Document, Line, Page, Polyline, Circle, Svg, Text, View } from '@react-pdf/renderer';
import type { DocumentProps } from '@react-pdf/renderer';
import type { PdfScorecard, PdfTrendChart } from './scorecardLayout.ts';
import { COLOR, TONE, styles as s } from './theme.ts';

const h = createElement;

const CHART = { width: 140, height: 64, left: 4, right: 4, top: 6, bottom: 6 } as const;

/** One period's scorecard: what the persona PDF shows after its overview, and the joint report per persona. */
export function scorecardNodes(card: PdfScorecard, options: { withTitle?: boolean } = {}): ReactNode {
  const { withTitle = true } = options;
  return h(
    View,
    { style: { marginTop: 14 }, wrap: false },
    withTitle ? h(Text, { style: s.overline }, card.title) : null,
    h(Text, { style: [s.cellMuted, { marginBottom: 4 }] }, card.basis),
    card.rows.length === 0 ? null : table(card),
    card.charts.length === 0
      ? null
      : h(
          View,
          { style: { marginTop: 8 } },
          h(Text, { style: s.headText }, card.trendTitle),
          h(View, { style: { flexDirection: 'row', flexWrap: 'wrap', marginTop: 4 } }, ...card.charts.map(trendChart)),
        ),
    h(
      View,
      { style: { marginTop: 6 } },
      h(Text, { style: s.headText }, card.lossTitle),
      ...card.lossReasons.map((reason) => h(Text, { style: s.cellText }, `· ${reason}`)),
    ),
  );
}

function table(card: PdfScorecard): ReactNode {
  const cell = (flex: number) => ({ flexGrow: flex, flexBasis: 0, paddingRight: 6 });
  return h(
    View,
    { style: s.table },
    h(
      View,
      { style: [s.tableRow, s.tableHead] },
      h(View, { style: cell(3) }, h(Text, { style: s.headText }, card.columns.metric)),
      h(View, { style: cell(1.4) }, h(Text, { style: s.headText }, card.columns.target)),
      h(View, { style: cell(1.4) }, h(Text, { style: s.headText }, card.columns.actual)),
      h(View, { style: cell(1.6) }, h(Text, { style: s.headText }, card.columns.result)),
    ),
    ...card.rows.map((row) => {
      const tone = TONE[row.met === true ? 'success' : row.met === false ? 'warning' : 'neutral'];
      return h(
        View,
        { style: s.tableRow },
        h(
          View,
          { style: cell(3) },
          h(Text, { style: [s.cellText, { fontWeight: 700 }] }, row.label),
          h(Text, { style: [s.cellMuted, row.agreed ? { color: TONE.success.fg } : { fontStyle: 'italic' }] }, row.agreedText),
        ),
        h(View, { style: cell(1.4) }, h(Text, { style: s.cellText }, row.target)),
        h(View, { style: cell(1.4) }, h(Text, { style: s.cellText }, row.actual)),
        h(View, { style: cell(1.6) }, h(Text, { style: [s.cellText, { color: tone.fg, fontWeight: 700 }] }, row.result)),
      );
    }),
  );
}

/** A line of the figure over the imports, the target dashed across; drawn as vectors, so it prints sharp at any size. */
export function trendChart(chart: PdfTrendChart): ReactNode {
  const { width, height, left, right, top, bottom } = CHART;
  const innerW = width - left - right;
  const innerH = height - top - bottom;
  const x = (i: number) => left + (chart.values.length <= 1 ? innerW / 2 : (innerW * i) / (chart.values.length - 1));
  const y = (value: number) => top + innerH - (innerH * Math.min(value, chart.top)) / chart.top;
  const points = chart.values.flatMap((value, i) => (value === null ? [] : [{ x: x(i), y: y(value) }]));
  return h(
    View,
    { style: { width: width + 12, marginRight: 8, marginBottom: 6 } },
    h(Text, { style: [s.cellText, { fontWeight: 700 }] }, chart.label),
    h(
      Svg,
      { width, height, viewBox: `0 0 ${width} ${height}` },
      h(Line, { x1: left, y1: top + innerH, x2: width - right, y2: top + innerH, stroke: COLOR.faint, strokeWidth: 0.75 }),
      h(Line, { x1: left, y1: top, x2: width - right, y2: top, stroke: COLOR.border, strokeWidth: 0.5 }),
      chart.target === null
        ? null
        : h(Line, { x1: left, y1: y(chart.target), x2: width - right, y2: y(chart.target), stroke: TONE.success.fg, strokeWidth: 0.75, strokeDasharray: '3,2' }),
      points.length > 1 ? h(Polyline, { points: points.map((p) => `${p.x},${p.y}`).join(' '), fill: 'none', stroke: COLOR.ink2, strokeWidth: 1.25 }) : null,
      ...points.map((p) => h(Circle, { cx: p.x, cy: p.y, r: 1.8, fill: COLOR.ink2 })),
    ),
    h(
      View,
      { style: { flexDirection: 'row', justifyContent: 'space-between', width } },
      h(Text, { style: s.cellMuted }, chart.firstText),
      h(Text, { style: s.cellMuted }, chart.values.length > 1 ? chart.lastText : ''),
    ),
    h(Text, { style: s.cellMuted }, [`0 – ${chart.topText}`, chart.targetText].filter((part) => part !== null).join(' · ')),
  );
}

export interface PdfReportLayout {
  title: string;
  subtitle: string;
  language: string;
  empty: string | null;
  personas: { name: string; agreedBy: string; noTargets: string | null; scorecard: PdfScorecard }[];
  /** "Joint report · Q4 2026 · 2 Dec 2026"; the page number is drawn after layout (renderPdf.ts numberPages). */
  footer: string;
  pageTemplate: string;
}

/** The joint report: every persona's scorecard for one period, one after the other. */
export function reportDocument(layout: PdfReportLayout): ReactElement<DocumentProps> {
  return h(
    Document,
    { title: layout.title, author: 'Tandem', creator: 'Tandem', producer: 'Tandem', language: layout.language },
    h(
      Page,
      { size: 'A4', style: s.page, wrap: true },
      h(View, { style: s.footer, fixed: true }, h(Text, { style: s.footerText }, layout.footer)),
      h(Text, { style: s.sectionTitle }, layout.title),
      h(Text, { style: [s.cellMuted, { marginTop: 4, marginBottom: 10 }] }, layout.subtitle),
      layout.empty === null ? null : h(Text, { style: s.emptyText }, layout.empty),
      ...layout.personas.map((persona) =>
        h(
          View,
          { style: { marginTop: 12, paddingTop: 8, borderTopWidth: 1, borderTopColor: COLOR.border } },
          h(Text, { style: [s.sectionTitle, { fontSize: 13 }] }, persona.name),
          h(Text, { style: s.cellMuted }, persona.agreedBy),
          persona.noTargets === null ? null : h(Text, { style: [s.emptyText, { fontSize: 8.5 }] }, persona.noTargets),
          scorecardNodes(persona.scorecard, { withTitle: false }),
        ),
      ),
    ),
  );
}
