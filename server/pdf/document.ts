// The persona PDF drawn with react-pdf, from the layout model; no decisions about content are made here.
// The server is compiled without JSX, so elements are made with createElement.
import { createElement } from 'react';
import type { ComponentProps, ReactElement, ReactNode } from 'react';
import { Document, Link, Page, Text, View } from '@react-pdf/renderer';
import type { DocumentProps, Styles } from '@react-pdf/renderer';
import { toDrawable } from './fonts.ts';
import type { PdfAlignment, PdfBlock, PdfEvidenceEntry, PdfEvidenceGroup, PdfInline, PdfLayout, PdfListItem, PdfSection, PdfSideSignoff } from './layoutModel.ts';
import { scorecardNodes } from './scorecardDocument.ts';
import { COLOR, SIDE_COLOR, TONE, styles as s } from './theme.ts';
import type { Tone } from './theme.ts';

const h = createElement;
type Style = Styles[string];


/** A list item this short is kept on one page. */
const KEEP_TOGETHER_CHARS = 400;

/** Every string the page shows, as the fonts can draw it; links' addresses and the metadata stay as they are. */
function drawable<T>(value: T, key = ''): T {
  if (key === 'href' || key === 'document') return value;
  if (typeof value === 'string') return toDrawable(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => drawable(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]: [string, unknown]) => [k, drawable(v, k)])) as T;
  }
  return value;
}

export function personaDocument(input: PdfLayout): ReactElement<DocumentProps> {
  const layout = drawable(input);
  const created = new Date(layout.document.createdAt);
  const props: DocumentProps = {
    title: layout.document.title,
    author: layout.document.author,
    creator: layout.document.creator,
    producer: layout.document.creator,
    subject: layout.document.subject,
    keywords: layout.document.keywords,
    language: layout.document.language,
    ...(Number.isNaN(created.getTime()) ? {} : { creationDate: created, modificationDate: created }),
  };
  const hasEvidence = layout.evidence.groups.some((group) => group.items.length > 0);
  const page = (...children: ReactNode[]) => h(Page, { size: 'A4', style: s.page, wrap: true }, stripe(), footer(layout), ...children);
  // The evidence summary is an appendix on pages of its own. Being its own <Page> also keeps the
  // render quick: react-pdf lays out again what follows each page break, within one <Page> only.
  return h(
    Document,
    props,
    page(
      header(layout),
      overview(layout),
      ...layout.scorecards.map((card) => scorecardNodes(card)),
      // Sections' blocks are the page's own children, so a section heading can be kept with what follows it.
      ...layout.sections.flatMap((section) => sectionNodes(section)),
      ...(hasEvidence ? [] : evidenceSummary(layout)),
    ),
    ...(hasEvidence ? [page(...evidenceSummary(layout))] : []),
  );
}

function stripe(): ReactNode {
  return h(
    View,
    { style: s.stripe, fixed: true },
    h(View, { style: [s.stripeHalf, { backgroundColor: SIDE_COLOR.marketing.fg }] }),
    h(View, { style: [s.stripeHalf, { backgroundColor: SIDE_COLOR.sales.fg }] }),
  );
}

function header(layout: PdfLayout): ReactNode {
  const { header: hd } = layout;
  const isDraft = hd.status.kind === 'draft';
  return h(
    View,
    { wrap: false },
    h(
      View,
      { style: s.header },
      h(View, { style: [s.avatar, { backgroundColor: hd.avatarColor }] }, h(Text, { style: s.avatarText }, hd.initials)),
      h(
        View,
        { style: s.headerText },
        h(Text, { style: s.kicker }, hd.kicker),
        h(Text, { style: s.name }, hd.name),
        hd.roleLine === '' ? null : h(Text, { style: s.roleLine }, hd.roleLine),
        hd.details.length === 0
          ? null
          : h(
              View,
              { style: s.details },
              ...hd.details.map((detail) => h(Text, { style: s.detail }, h(Text, { style: s.detailLabel }, `${detail.label}: `), detail.value)),
            ),
      ),
    ),
    h(
      View,
      { style: s.statusRow },
      h(
        View,
        {
          style: [
            s.statusPill,
            isDraft ? { backgroundColor: COLOR.warningSoft, borderWidth: 0.75, borderColor: COLOR.warningBorder } : { backgroundColor: COLOR.ink },
          ],
        },
        h(Text, { style: [s.statusPillText, { color: isDraft ? COLOR.warning : '#ffffff' }] }, hd.status.label),
      ),
      h(Text, { style: s.statusDetail }, hd.status.detail),
    ),
    hd.note === null
      ? null
      : h(View, { style: s.note }, h(Text, { style: s.noteLabel }, hd.note.label), h(Text, { style: s.noteText }, hd.note.text)),
  );
}

function toneOfSide(state: PdfSideSignoff['state']): Tone {
  if (state === 'current') return 'success';
  if (state === 'stale') return 'warning';
  return 'neutral';
}

function toneOfAlignment(alignment: PdfAlignment): Tone {
  if (alignment.state === 'both') return 'success';
  if (alignment.state === 'unbacked') return 'neutral';
  return 'warning';
}

/** A small status mark: full for done, hollow otherwise; the text next to it says what it means. */
function dot(tone: Tone, filled: boolean): ReactNode {
  const color = TONE[tone];
  return h(View, { style: [s.dot, { borderColor: color.fg, backgroundColor: filled ? color.fg : '#ffffff' }] });
}

function overview(layout: PdfLayout): ReactNode {
  const { overview: ov } = layout;
  return h(
    View,
    { style: s.overview, wrap: false },
    h(Text, { style: s.overline }, ov.title),
    h(View, { style: s.overviewLines }, ...ov.lines.map((line) => h(Text, { style: s.overviewLine }, line))),
    h(
      View,
      { style: s.table },
      h(
        View,
        { style: [s.tableRow, s.tableHead] },
        h(View, { style: s.cellSection }, h(Text, { style: s.headText }, ov.columns.section)),
        h(View, { style: s.cellSide }, h(Text, { style: [s.headText, { color: SIDE_COLOR.marketing.fg }] }, ov.columns.marketing)),
        h(View, { style: s.cellSide }, h(Text, { style: [s.headText, { color: SIDE_COLOR.sales.fg }] }, ov.columns.sales)),
        h(View, { style: s.cellEvidence }, h(Text, { style: s.headText }, ov.columns.evidence)),
      ),
      ...ov.rows.map((row) =>
        h(
          View,
          { style: s.tableRow },
          h(View, { style: s.cellSection }, h(Text, { style: s.cellStrong }, row.label)),
          sideCell(row.marketing),
          sideCell(row.sales),
          h(
            View,
            { style: [s.cellEvidence, { flexDirection: 'row' }] },
            dot(toneOfAlignment(row.alignment), row.alignment.state === 'both'),
            h(View, { style: s.cellBody }, h(Text, { style: s.cellText }, row.alignment.label), h(Text, { style: s.cellMuted }, row.alignment.counts)),
          ),
        ),
      ),
    ),
  );
}

function sideCell(signoff: PdfSideSignoff): ReactNode {
  return h(
    View,
    { style: s.cellSide },
    dot(toneOfSide(signoff.state), signoff.state === 'current'),
    h(View, { style: s.cellBody }, h(Text, { style: [s.cellText, { color: signoff.state === 'missing' ? COLOR.muted : COLOR.ink }] }, signoff.short)),
  );
}

function sectionNodes(section: PdfSection): ReactNode[] {
  const alignTone = TONE[toneOfAlignment(section.alignment)];
  const head = h(
    View,
    bookmarked({ style: s.sectionHead, wrap: false, minPresenceAhead: 80 }, section.label),
    h(
      View,
      { style: s.sectionTitleRow },
      h(Text, { style: s.sectionTitle }, section.label),
      h(
        View,
        { style: [s.badge, { borderColor: alignTone.border, backgroundColor: alignTone.soft, marginRight: 0 }] },
        h(Text, { style: [s.badgeText, { color: alignTone.fg }] }, h(Text, { style: s.bold }, section.alignment.label), ` · ${section.alignment.counts}`),
      ),
    ),
    h(View, { style: s.badges }, ...section.signoff.sides.map((side) => signoffBadge(side))),
  );
  const body = section.empty !== null ? [h(Text, { style: s.emptyText }, section.empty)] : blocksOf(section.blocks, 0);
  return [head, ...body];
}

/** View props with a PDF outline entry; react-pdf supports `bookmark` on any node, its typings only on Page. */
function bookmarked(props: ComponentProps<typeof View>, title: string): ComponentProps<typeof View> {
  return { ...props, bookmark: { title, fit: true } } as ComponentProps<typeof View>;
}

function signoffBadge(signoff: PdfSideSignoff): ReactNode {
  const side = SIDE_COLOR[signoff.side];
  const tone = TONE[toneOfSide(signoff.state)];
  return h(
    View,
    { style: [s.badge, { borderColor: side.border, backgroundColor: '#ffffff' }] },
    h(Text, { style: [s.badgeSide, { color: side.fg }] }, signoff.sideLabel),
    h(Text, { style: [s.badgeText, { color: tone.fg }] }, signoff.text),
  );
}

function blocksOf(blocks: readonly PdfBlock[], depth: number): ReactNode[] {
  return blocks.map((block) => blockOf(block, depth));
}

function blockOf(block: PdfBlock, depth: number, suffix?: ReactNode): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return h(Text, { style: depth > 0 ? s.itemParagraph : s.paragraph }, ...inlinesOf(block.inlines), suffix ?? null);
    case 'heading': {
      const style = block.level === 1 ? s.h1 : block.level === 2 ? s.h2 : s.h3;
      return h(Text, { style, minPresenceAhead: 40 }, ...inlinesOf(block.inlines));
    }
    case 'list':
      return h(View, { style: depth > 0 ? s.listNested : s.list }, ...block.items.map((item) => listItemOf(item, block.ordered, depth)));
    case 'quote':
      return h(View, { style: s.quote }, h(View, { style: s.quoteText }, ...blocksOf(block.blocks, depth)));
    case 'code':
      return h(View, { style: s.code, wrap: block.text.length > 600 || block.text.split('\n').length > 12 }, h(Text, { style: s.codeText }, block.text));
    case 'rule':
      return h(View, { style: s.rule });
  }
}

function listItemOf(item: PdfListItem, ordered: boolean, depth: number): ReactNode {
  const [first, ...rest] = item.blocks;
  const tag = item.assumption === undefined ? null : h(Text, { style: s.assumption }, `  ${item.assumption}`);
  const firstNode = first === undefined ? null : first.type === 'paragraph' ? blockOf(first, depth + 1, tag) : blockOf(first, depth + 1);
  const tagAlone = tag !== null && first?.type !== 'paragraph' ? h(Text, { style: s.assumption }, item.assumption) : null;
  return h(
    View,
    { style: s.listItem, wrap: !fitsTogether(item) },
    h(Text, { style: ordered ? s.markerOrdered : s.marker }, item.marker),
    h(View, { style: s.listBody }, tagAlone, firstNode, ...blocksOf(rest, depth + 1)),
  );
}

function fitsTogether(item: PdfListItem): boolean {
  let chars = 0;
  const count = (blocks: readonly PdfBlock[]): boolean => {
    for (const block of blocks) {
      if (block.type === 'list' || block.type === 'quote') return false;
      if (block.type === 'paragraph' || block.type === 'heading') {
        for (const inline of block.inlines) if (inline.type === 'text') chars += inline.text.length;
      }
      if (block.type === 'code') chars += block.text.length;
    }
    return chars <= KEEP_TOGETHER_CHARS;
  };
  return count(item.blocks);
}

function inlinesOf(inlines: readonly PdfInline[]): ReactNode[] {
  return inlines.flatMap((inline): ReactNode[] => {
    if (inline.type === 'refs') {
      // Every piece carries the raised style itself: a nested Text does not inherit verticalAlign.
      const parts: ReactNode[] = [h(Text, { style: s.refs }, ' [')];
      inline.refs.forEach((ref, i) => {
        if (i > 0) parts.push(h(Text, { style: s.refs }, ', '));
        parts.push(h(Text, { style: [s.refs, { color: SIDE_COLOR[ref.side].fg }] }, ref.label));
      });
      parts.push(h(Text, { style: s.refs }, ']'));
      return parts;
    }
    const style: Style[] = [];
    if (inline.bold) style.push(s.bold);
    if (inline.italic) style.push(s.italic);
    if (inline.code) style.push(s.inlineCode);
    const underline = inline.underline === true || inline.href !== undefined;
    if (inline.href !== undefined) style.push(s.link);
    if (underline && inline.strike) style.push(s.underlineStrike);
    else if (underline) style.push(s.underline);
    else if (inline.strike) style.push(s.strike);
    if (inline.href !== undefined) return [h(Link, { src: inline.href, style }, inline.text)];
    return [style.length === 0 ? inline.text : h(Text, { style }, inline.text)];
  });
}

function evidenceSummary(layout: PdfLayout): ReactNode[] {
  const { evidence } = layout;
  const hasItems = evidence.groups.some((group) => group.items.length > 0);
  return [
    // An appendix: on pages of its own (see personaDocument), unless there is nothing in it.
    h(View, bookmarked({ style: hasItems ? {} : s.appendixInline, wrap: false }, evidence.title), h(Text, { style: s.evidenceTitle }, evidence.title), h(Text, { style: s.evidenceIntro }, evidence.intro)),
    ...evidence.groups.flatMap((group) => evidenceGroup(group)),
  ];
}

function evidenceGroup(group: PdfEvidenceGroup): ReactNode[] {
  const side = SIDE_COLOR[group.side];
  const [first, ...rest] = group.items;
  const head = h(
    View,
    { style: [s.groupHead, { borderBottomColor: side.fg }] },
    h(Text, { style: [s.groupTitle, { color: side.fg }] }, group.title),
    h(Text, { style: s.groupCount }, group.count),
  );
  if (first === undefined) {
    return [h(View, { style: s.group, wrap: false }, head, h(Text, { style: s.emptyText }, group.empty ?? ''))];
  }
  // The group's title stays with its first item.
  return [h(View, { style: s.group, wrap: false }, head, evidenceItem(first)), ...rest.map((item) => evidenceItem(item))];
}

function evidenceItem(item: PdfEvidenceEntry): ReactNode {
  const side = SIDE_COLOR[item.side];
  const meta = [item.sourceText, item.author, item.date].filter((part): part is string => part !== null && part !== '');
  const where = [item.sectionText, item.citedInText].filter((part): part is string => part !== null);
  return h(
    View,
    { style: s.item, wrap: item.text.length > 900 },
    h(View, { style: [s.itemRef, { backgroundColor: side.soft, borderColor: side.border }] }, h(Text, { style: [s.itemRefText, { color: side.fg }] }, item.ref)),
    h(
      View,
      { style: s.itemBody },
      h(Text, { style: s.itemText }, item.text),
      h(Text, { style: s.itemMeta }, h(Text, { style: s.itemKind }, item.kind), meta.length === 0 ? '' : ` · ${meta.join(' · ')}`),
      h(Text, { style: s.itemMeta }, where.join(' · ')),
    ),
  );
}

function footer(layout: PdfLayout): ReactNode {
  const { footer: ft } = layout;
  return h(
    View,
    { style: s.footer, fixed: true },
    h(Text, { style: s.footerText }, ft.text),
    // The page number ("Page 3 of 9") is drawn into this room once the pages are known (renderPdf.ts).
  );
}
