// The persona PDF as plain data: everything the document shows, worked out from a snapshot, before any drawing.
import { LOCALE_TAGS } from '../../shared/locale.ts';
import type { Locale } from '../../shared/locale.ts';
import { ASSUMPTION_SECTIONS, alignmentBySection, countBySide } from '../../shared/persona/alignment.ts';
import { linkedIdsInContent } from '../../shared/persona/claims.ts';
import type { AlignmentState } from '../../shared/persona/alignment.ts';
import { REFERENCE_LETTERS, referenceLabel } from '../../shared/persona/labels.ts';
import { evidenceNumbers } from '../../shared/persona/references.ts';
import type { EvidenceNumber } from '../../shared/persona/references.ts';
import { SECTION_KEYS, SIDES } from '../../shared/persona/schema.ts';
import { signoffsFromContent } from '../../shared/persona/signoffRules.ts';
import type { SideSignoff } from '../../shared/persona/signoffRules.ts';
import type { PersonaSnapshot } from '../../shared/persona/types.ts';
import type { EvidenceItem, SectionKey, Side } from '../../shared/persona/types.ts';
import type { PdfAlignment, PdfEvidenceEntry, PdfEvidenceGroup, PdfLayout, PdfMeta, PdfSection, PdfSectionSignoff, PdfSideSignoff } from './layoutModel.ts';
import { PRINT_LIMITS, clip, printableSnapshot } from './printable.ts';
import { convertBlocks } from './richTextBlocks.ts';
import { buildScorecardLayout } from './scorecardLayout.ts';
import type { BlockContext } from './richTextBlocks.ts';
import {
  alignmentLabel,
  formatDate,
  formatDateTime,
  kindLabel,
  pdfT,
  sectionLabel,
  sideLabel,
  signoffStatusLabel,
} from './strings.ts';

const AVATAR_COLORS = ['#0f766e', '#6d28d9', '#be185d', '#0e7490', '#4d7c0f', '#475569', '#7c2d12'] as const;

/** Up to two letters from the first two words of the name; '?' when it has none. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/[\s,;·–—-]+/u)
    .map((word) => /\p{L}|\p{N}/u.exec(word)?.[0] ?? '')
    .filter((letter) => letter !== '')
    .slice(0, 2);
  return letters.length === 0 ? '?' : letters.join('').toLocaleUpperCase();
}

function avatarColorOf(name: string): string {
  let sum = 0;
  for (const ch of name) sum = (sum * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_003;
  return AVATAR_COLORS[sum % AVATAR_COLORS.length] ?? AVATAR_COLORS[0];
}

export function buildPdfLayout(input: PersonaSnapshot, meta: PdfMeta, lang: Locale): PdfLayout {
  const snapshot = printableSnapshot(input);
  const { profile, evidence } = snapshot;
  const name = profile.name.trim() === '' ? pdfT(lang, 'doc.untitled') : profile.name.trim();
  const numbers = evidenceNumbers(evidence);
  const linked = {} as Record<SectionKey, Set<string>>;
  for (const key of SECTION_KEYS) linked[key] = linkedIdsInContent(snapshot.sections[key]);
  const alignment = alignmentBySection(evidence, linked);
  const signoffs = signoffsFromContent(snapshot.sections, snapshot.signoff);
  const existing: ReadonlySet<string> = new Set(evidence.map((item) => item.id));

  const versionLabel = meta.kind === 'draft' ? pdfT(lang, 'status.draft') : pdfT(lang, 'status.version', { version: meta.version });
  const statusDetail =
    meta.kind === 'draft'
      ? pdfT(lang, 'status.exported', { date: formatDateTime(lang, meta.exportedAt) })
      : meta.publishedBy === null || meta.publishedBy.name.trim() === ''
        ? pdfT(lang, 'status.published', { date: formatDate(lang, meta.publishedAt) })
        : pdfT(lang, meta.publishedBy.verified ? 'status.publishedBy' : 'status.publishedByUnverified', {
            date: formatDate(lang, meta.publishedAt),
            name: meta.publishedBy.name.trim(),
            side: meta.publishedBy.team === 'other' ? pdfT(lang, 'status.noTeam') : sideLabel(lang, meta.publishedBy.team),
          });
  const createdAt = meta.kind === 'draft' ? meta.exportedAt : meta.publishedAt;
  const note = meta.kind === 'version' && meta.note.trim() !== '' ? { label: pdfT(lang, 'status.note'), text: clip(meta.note.trim(), PRINT_LIMITS.evidenceTextChars) } : null;

  const role = profile.role.trim();
  const segment = profile.segment.trim();
  const details: { label: string; value: string }[] = [];
  if (profile.companySize.trim() !== '') details.push({ label: pdfT(lang, 'header.companySize'), value: profile.companySize.trim() });
  if (profile.location.trim() !== '') details.push({ label: pdfT(lang, 'header.location'), value: profile.location.trim() });

  const sections: PdfSection[] = SECTION_KEYS.map((key) => {
    const context: BlockContext = { lang, numbers, existing, flagAssumptions: ASSUMPTION_SECTIONS.includes(key) };
    const blocks = convertBlocks(snapshot.sections[key].content, context, 0);
    return {
      key,
      label: sectionLabel(lang, key),
      signoff: sectionSignoffOf(lang, signoffs[key]),
      alignment: alignmentOf(lang, alignment[key]),
      blocks,
      empty: blocks.length === 0 ? pdfT(lang, 'section.empty') : null,
    };
  });

  const signedCount = SECTION_KEYS.filter((key) => signoffs[key].status === 'signed').length;
  const staleCount = SECTION_KEYS.filter((key) => signoffs[key].status === 'stale').length;
  const totals = countBySide(evidence);
  const overviewLines = [pdfT(lang, 'overview.signedCount', { count: signedCount, total: SECTION_KEYS.length })];
  if (staleCount === 1) overviewLines.push(pdfT(lang, 'overview.staleCountOne'));
  else if (staleCount > 1) overviewLines.push(pdfT(lang, 'overview.staleCount', { count: staleCount }));
  overviewLines.push(pdfT(lang, 'overview.evidenceCount', { marketing: totals.marketing, sales: totals.sales }));

  const dateOfFooter = formatDate(lang, createdAt);
  return {
    lang,
    document: {
      title: pdfT(lang, 'doc.title', { name, version: versionLabel }),
      author: 'Tandem',
      creator: 'Tandem',
      subject: [pdfT(lang, 'doc.subject', { name }), role, segment].filter((part) => part !== '').join(' · '),
      keywords: [pdfT(lang, 'doc.kind'), segment, role].filter((part) => part !== '').join(', '),
      language: LOCALE_TAGS[lang],
      createdAt,
    },
    header: {
      kicker: pdfT(lang, 'doc.kind'),
      name,
      initials: initialsOf(profile.name),
      avatarColor: avatarColorOf(name),
      avatar: profile.avatar,
      role,
      segment,
      roleLine: [role, segment].filter((part) => part !== '').join(' · '),
      details,
      status: { kind: meta.kind, label: versionLabel, detail: statusDetail, text: `${versionLabel} · ${statusDetail}` },
      note,
    },
    overview: {
      title: pdfT(lang, 'overview.title'),
      lines: overviewLines,
      columns: {
        section: pdfT(lang, 'overview.column.section'),
        marketing: sideLabel(lang, 'marketing'),
        sales: sideLabel(lang, 'sales'),
        evidence: pdfT(lang, 'overview.column.evidence'),
      },
      rows: sections.map((section) => ({
        key: section.key,
        label: section.label,
        status: section.signoff.status,
        marketing: sideOf(section.signoff, 'marketing'),
        sales: sideOf(section.signoff, 'sales'),
        alignment: section.alignment,
      })),
    },
    sections,
    scorecards: (snapshot.scorecards ?? []).map((card) => buildScorecardLayout(lang, card, snapshot.targets ?? [])),
    evidence: {
      title: pdfT(lang, 'evidence.title'),
      intro: [pdfT(lang, 'evidence.intro', REFERENCE_LETTERS[lang]), snapshot.omittedEvidence > 0 ? pdfT(lang, 'evidence.omitted', { count: snapshot.omittedEvidence }) : '']
        .filter((line) => line !== '')
        .join(' '),
      groups: SIDES.map((side) => evidenceGroupOf(lang, side, evidence, numbers, linked)),
    },
    footer: {
      text: [name, versionLabel, dateOfFooter].join(' · '),
      pageTemplate: pdfT(lang, 'footer.page'),
    },
  };
}

/**
 * A name the server vouches for, as it is; a name only a client stored (before members) says so.
 * Items of a snapshot published before members carry no `verified`, and show what was recorded then.
 */
function authorLabel(lang: Locale, name: string, verified: boolean): string {
  return verified ? name : pdfT(lang, 'author.unverified', { name });
}

function sideOf(signoff: PdfSectionSignoff, side: Side): PdfSideSignoff {
  const found = signoff.sides.find((entry) => entry.side === side);
  if (!found) throw new Error(`no sign-off entry for ${side}`);
  return found;
}

function sectionSignoffOf(lang: Locale, signoff: ReturnType<typeof signoffsFromContent>[SectionKey]): PdfSectionSignoff {
  return {
    status: signoff.status,
    statusLabel: signoffStatusLabel(lang, signoff.status),
    sides: SIDES.map((side) => sideSignoffOf(lang, side, signoff[side])),
  };
}

function sideSignoffOf(lang: Locale, side: Side, signoff: SideSignoff): PdfSideSignoff {
  const base = { side, sideLabel: sideLabel(lang, side), state: signoff.state };
  if (signoff.state === 'missing') {
    return { ...base, text: pdfT(lang, 'signoff.side.missing'), short: pdfT(lang, 'signoff.short.missing') };
  }
  const vars = { name: signoff.by, date: formatDate(lang, signoff.at) };
  return {
    ...base,
    text: pdfT(lang, `signoff.side.${signoff.state}`, vars),
    short: pdfT(lang, `signoff.short.${signoff.state}`, vars),
  };
}

function alignmentOf(lang: Locale, alignment: { state: AlignmentState; marketing: number; sales: number }): PdfAlignment {
  return {
    state: alignment.state,
    label: alignmentLabel(lang, alignment.state),
    marketing: alignment.marketing,
    sales: alignment.sales,
    counts: pdfT(lang, 'alignment.counts', { marketing: alignment.marketing, sales: alignment.sales }),
  };
}

function evidenceGroupOf(
  lang: Locale,
  side: Side,
  evidence: readonly EvidenceItem[],
  numbers: ReadonlyMap<string, EvidenceNumber>,
  linked: Readonly<Record<SectionKey, ReadonlySet<string>>>,
): PdfEvidenceGroup {
  const seen = new Set<string>();
  const items: PdfEvidenceEntry[] = [];
  for (const item of evidence) {
    // evidenceNumbers numbers an id once, in board order; a repeated id is the same item.
    if (item.side !== side || seen.has(item.id)) continue;
    seen.add(item.id);
    const number = numbers.get(item.id);
    if (!number) continue;
    const citedIn = SECTION_KEYS.filter((key) => linked[key].has(item.id)).map((key) => sectionLabel(lang, key));
    const source = item.source.trim();
    items.push({
      id: item.id,
      ref: referenceLabel(lang, number),
      side,
      kind: kindLabel(lang, item.kind),
      text: item.text.trim(),
      source,
      author: item.author.trim() === '' ? '' : authorLabel(lang, item.author.trim(), item.verified !== false),
      date: item.createdAt === '' ? '' : formatDate(lang, item.createdAt),
      sourceText: source === '' ? null : pdfT(lang, 'evidence.source', { source }),
      sectionText:
        item.section === '' ? pdfT(lang, 'evidence.noSection') : pdfT(lang, 'evidence.section', { section: sectionLabel(lang, item.section) }),
      citedInText: citedIn.length === 0 ? null : pdfT(lang, 'evidence.citedIn', { sections: citedIn.join(', ') }),
    });
  }
  return {
    side,
    title: pdfT(lang, `evidence.group.${side}`),
    count: items.length === 1 ? pdfT(lang, 'evidence.group.countOne') : pdfT(lang, 'evidence.group.count', { count: items.length }),
    items,
    empty: items.length === 0 ? pdfT(lang, `evidence.empty.${side}`) : null,
  };
}
