// The scorecard's words in the PDFs (SPEC §8), in English and Spanish, and how its numbers and periods read.
import { LOCALE_TAGS } from '../../shared/locale.ts';
import type { Locale } from '../../shared/locale.ts';
import type { Metric } from '../../shared/scorecard/metrics.ts';
import { METRIC_UNITS } from '../../shared/scorecard/metrics.ts';
import { parsePeriod } from '../../shared/scorecard/periods.ts';

const en = {
  'scorecard.title': 'Goals and results · {period}',
  'scorecard.basis': 'CRM figures from the import of {date}; this persona’s deals in it: {deals}',
  'scorecard.noImport': 'No CRM import yet: no figures',
  'scorecard.column.metric': 'Figure',
  'scorecard.column.target': 'Target',
  'scorecard.column.actual': 'Actual',
  'scorecard.column.result': 'Result',
  'scorecard.agreed': 'Agreed by {marketing} (marketing) and {sales} (sales)',
  'scorecard.agreedBoth': 'Agreed by both teams',
  'scorecard.proposed': 'Proposed, not agreed by both teams',
  'scorecard.met': 'Met',
  'scorecard.notMet': 'Not met',
  'scorecard.noActual': 'No deals to measure',
  'scorecard.noFigure': '—',
  'scorecard.lossReasons': 'Why deals were lost',
  'scorecard.lossReason': '{reason} ({count})',
  'scorecard.noLosses': 'No lost deals in this period.',
  'scorecard.trend': 'Trend over the CRM imports',
  'scorecard.targetLine': 'target {value}',
  'metric.winRate': 'Win rate',
  'metric.avgDealSize': 'Average deal size',
  'metric.salesCycleDays': 'Sales cycle (median days)',
  'metric.dealsWon': 'Deals won',
  'metric.pipelineCreated': 'Pipeline created',
  'unit.days': '{value} days',
  'period.quarter': 'Q{quarter} {year}',
  'report.kind': 'Joint report',
  'report.title': 'Joint report · {period}',
  'report.subtitle': 'Every persona’s targets and results, marketing and sales together. Exported {date}.',
  'report.noTargets': 'No targets for this period.',
  'report.agreedBy': 'Agreed by marketing: {marketing} · sales: {sales}',
  'report.nobody': 'nobody yet',
  'report.empty': 'There are no personas yet.',
  'report.page': 'Page {page} of {total}',
};

type Key = keyof typeof en;

const es: Record<Key, string> = {
  'scorecard.title': 'Objetivos y resultados · {period}',
  'scorecard.basis': 'Cifras del CRM de la importación del {date}; oportunidades de este perfil en ella: {deals}',
  'scorecard.noImport': 'Aún no hay importación del CRM: sin cifras',
  'scorecard.column.metric': 'Cifra',
  'scorecard.column.target': 'Objetivo',
  'scorecard.column.actual': 'Real',
  'scorecard.column.result': 'Resultado',
  'scorecard.agreed': 'Acordado por {marketing} (marketing) y {sales} (ventas)',
  'scorecard.agreedBoth': 'Acordado por los dos equipos',
  'scorecard.proposed': 'Propuesto, sin acuerdo de los dos equipos',
  'scorecard.met': 'Cumplido',
  'scorecard.notMet': 'No cumplido',
  'scorecard.noActual': 'Sin oportunidades que medir',
  'scorecard.noFigure': '—',
  'scorecard.lossReasons': 'Por qué se perdieron oportunidades',
  'scorecard.lossReason': '{reason} ({count})',
  'scorecard.noLosses': 'Ninguna oportunidad perdida en este periodo.',
  'scorecard.trend': 'Evolución en las importaciones del CRM',
  'scorecard.targetLine': 'objetivo {value}',
  'metric.winRate': 'Tasa de cierre',
  'metric.avgDealSize': 'Tamaño medio de la oportunidad',
  'metric.salesCycleDays': 'Ciclo de venta (mediana en días)',
  'metric.dealsWon': 'Oportunidades ganadas',
  'metric.pipelineCreated': 'Pipeline creado',
  'unit.days': '{value} días',
  'period.quarter': 'T{quarter} {year}',
  'report.kind': 'Informe conjunto',
  'report.title': 'Informe conjunto · {period}',
  'report.subtitle': 'Objetivos y resultados de cada perfil, marketing y ventas juntos. Exportado el {date}.',
  'report.noTargets': 'Sin objetivos para este periodo.',
  'report.agreedBy': 'Acordado por marketing: {marketing} · ventas: {sales}',
  'report.nobody': 'nadie aún',
  'report.empty': 'Aún no hay perfiles.',
  'report.page': 'Página {page} de {total}',
};

export const scorecardStrings: Record<Locale, Record<Key, string>> = { en, es };

export function scT(lang: Locale, key: Key, values: Record<string, string | number> = {}): string {
  return scorecardStrings[lang][key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function metricLabel(lang: Locale, metric: Metric): string {
  return scT(lang, `metric.${metric}`);
}

/** "Q1 2027" / "T1 2027", "January 2027" / "enero de 2027", "2027". */
export function periodLabel(lang: Locale, period: string): string {
  const parsed = parsePeriod(period);
  if (parsed === null) return period;
  if (parsed.kind === 'year') return String(parsed.year);
  if (parsed.kind === 'quarter') return scT(lang, 'period.quarter', { quarter: parsed.part ?? 1, year: parsed.year });
  const month = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parsed.start);
  return month.charAt(0).toLocaleUpperCase(LOCALE_TAGS[lang]) + month.slice(1);
}

/** A figure in its unit: "40 %", "10,250", "52.5 days", "2"; a dash when there is none. */
export function formatFigure(lang: Locale, metric: Metric, value: number | null): string {
  if (value === null) return scT(lang, 'scorecard.noFigure');
  const unit = METRIC_UNITS[metric];
  const number = new Intl.NumberFormat(LOCALE_TAGS[lang], { maximumFractionDigits: unit === 'amount' ? 2 : 1 }).format(value);
  if (unit === 'percent') return `${number} %`;
  if (unit === 'days') return scT(lang, 'unit.days', { value: number });
  return number;
}
