// The joint report's PDF (SPEC §8, issue 16): every persona's scorecard for a period, with the
// persona PDF's fonts and look. Rendered in the PDF worker pool (worker.ts), never on the server's thread.
import { renderToBuffer } from '@react-pdf/renderer';
import type { ReportResponse } from '../../shared/api.ts';
import { LOCALE_TAGS } from '../../shared/locale.ts';
import type { Locale } from '../../shared/locale.ts';
import { registerPdfFonts, toDrawable } from './fonts.ts';
import { numberPages } from './renderPdf.ts';
import { reportDocument, type PdfReportLayout } from './scorecardDocument.ts';
import { buildScorecardLayout } from './scorecardLayout.ts';
import { periodLabel, scT } from './scorecardStrings.ts';
import { formatDate } from './strings.ts';

export function buildReportLayout(report: ReportResponse, lang: Locale, exportedAt: string): PdfReportLayout {
  const names = (list: string[]) => (list.length === 0 ? scT(lang, 'report.nobody') : list.join(', '));
  return {
    title: toDrawable(scT(lang, 'report.title', { period: periodLabel(lang, report.period) })),
    subtitle: toDrawable(scT(lang, 'report.subtitle', { date: formatDate(lang, exportedAt) })),
    language: LOCALE_TAGS[lang],
    empty: report.personas.length === 0 ? scT(lang, 'report.empty') : null,
    personas: report.personas.map((persona) => {
      // Targets carry no signers here: the report names who agreed per persona, beside the table.
      const targets = persona.scorecard.targets.map(({ id, metric, value, period, agreed }) => ({ id, metric, value, period, agreed, signoffs: { marketing: null, sales: null } }));
      return {
        name: toDrawable(persona.name.trim() || '—'),
        agreedBy: toDrawable(scT(lang, 'report.agreedBy', { marketing: names(persona.agreedBy.marketing), sales: names(persona.agreedBy.sales) })),
        noTargets: persona.scorecard.targets.length === 0 ? scT(lang, 'report.noTargets') : null,
        scorecard: buildScorecardLayout(lang, persona.scorecard, targets),
      };
    }),
    footer: toDrawable([scT(lang, 'report.kind'), periodLabel(lang, report.period), formatDate(lang, exportedAt)].join(' · ')),
    pageTemplate: scT(lang, 'report.page'),
  };
}

export async function renderReportPdf(report: ReportResponse, lang: Locale, exportedAt: string): Promise<Buffer> {
  registerPdfFonts();
  const layout = buildReportLayout(report, lang, exportedAt);
  return numberPages(await renderToBuffer(reportDocument(layout)), layout.pageTemplate);
}
