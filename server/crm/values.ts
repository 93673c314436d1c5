// Amounts and dates as CRMs write them in their exports, read into plain numbers and UTC ISO strings.
//
// Dates: ISO (`2026-11-15`, `2026-11-15 10:32`, `2026-11-15T10:32:00Z`), slashed (`11/15/2026`,
// `15/11/2026`, with `10:32 AM` or `10:32` after it), dotted day-first (`15.11.2026`, Salesforce in
// German). A slashed date is month-first (`mdy`, what HubSpot and Salesforce write in US English) or
// day-first (`dmy`): `?dates=` says which; otherwise the file decides — a first part over 12
// anywhere in it makes it `dmy` — and `mdy` when nothing shows it. A date with no zone is UTC: an
// export does not say its account's zone, and a day is what the scorecard counts.
//
// Amounts: a currency sign or code (`$ € £ ¥`, `USD`, `EUR`…), spaces, apostrophes and thousands
// separators go; of `,` and `.` the last one is the decimal mark when both are there (`1,234.50`,
// `1.234,50`); alone, `,` is decimal with one or two digits after it (`1234,5`) and a thousands
// separator otherwise (`1,234`), and `.` is a thousands separator only in groups of three when the
// file is day-first (`1.234` = 1234 there) or when there are several (`1.234.567`). `(1,234)` is negative.

export type DateOrder = 'mdy' | 'dmy';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?)?$/i;

/** Which order a slashed date shows by itself: a first part over 12 is a day, a second over 12 is one. */
export function dateOrderHint(text: string): DateOrder | null {
  const match = SLASHED.exec(text.trim());
  if (!match) return null;
  if (match[2] === '.') return 'dmy';
  const [first, second] = [Number(match[1]), Number(match[3])];
  if (first > 12 && second <= 12) return 'dmy';
  if (second > 12 && first <= 12) return 'mdy';
  return null;
}

/** The date as an ISO string in UTC, or null when the text is not a date this reader knows. */
export function parseCrmDate(raw: string, order: DateOrder): string | null {
  const text = raw.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (!validParts(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) return null;
    return new Date(local - zoneOffsetMs(zone)).toISOString();
  }
  const slashed = SLASHED.exec(text);
  if (!slashed) return null;
  const [, a, separator, b, yearText, h = '0', mi = '0', s = '0', meridiem] = slashed;
  const dayFirst = separator === '.' || order === 'dmy';
  const [month, day] = dayFirst ? [Number(b), Number(a)] : [Number(a), Number(b)];
  const year = (yearText ?? '').length === 2 ? 2000 + Number(yearText) : Number(yearText);
  let hour = Number(h);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  if (!validParts(year, month, day, hour, Number(mi), Number(s))) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, Number(mi), Number(s))).toISOString();
}

const CURRENCY = /[$€£¥₹]|\b(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|MXN|BRL|INR)\b/gi;

/** The amount as a number; null for a blank cell; NaN when the text is not an amount. */
export function parseCrmAmount(raw: string, order: DateOrder): number | null {
  let text = raw.trim();
  if (text === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(CURRENCY, '').replace(/[\s\u00a0\u202f']/g, '');
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  }
  if (text === '' || !/^[\d.,]+$/.test(text) || !/\d/.test(text)) return Number.NaN;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    if (!validGrouping(text.slice(0, text.lastIndexOf(decimal)), thousands) || text.split(decimal).length > 2) return Number.NaN;
    normalized = text.replaceAll(thousands, '').replace(decimal, '.');
  } else if (lastComma >= 0) {
    const commaDecimal = text.split(',').length === 2 && /,\d{1,2}$/.test(text);
    if (!commaDecimal && !validGrouping(text, ',')) return Number.NaN;
    normalized = commaDecimal ? text.replace(',', '.') : text.replaceAll(',', '');
  } else if (lastDot >= 0) {
    const groups = text.split('.').length - 1;
    const dotThousands = validGrouping(text, '.') && (groups > 1 || order === 'dmy');
    if (groups > 1 && !dotThousands) return Number.NaN;
    normalized = dotThousands ? text.replaceAll('.', '') : text;
  } else {
    normalized = text;
  }
  const value = Number(normalized);
  if (!Number.isFinite(value)) return Number.NaN;
  return negative ? -value : value;
}

/** `1,234,567`: the first group 1–3 digits, every other exactly three. */
function validGrouping(text: string, separator: string): boolean {
  const groups = text.split(separator);
  return groups.every((group, i) => (i === 0 ? /^\d{1,3}$/.test(group) : /^\d{3}$/.test(group)));
}

function validParts(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
}
