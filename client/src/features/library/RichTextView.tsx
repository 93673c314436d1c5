// Read-only rendering of a section's ProseMirror JSON as React elements: no editor, never raw HTML.
import type { ReactNode } from 'react';
import { claimBacking, idsOfMarkAttrs } from '../../../../shared/persona/claims.ts';
import { boundRichTextDepth } from '../../../../shared/persona/richTextDepth.ts';
import { EVIDENCE_MARK } from '../../../../shared/persona/schema.ts';
import type { RichTextDoc, RichTextMark, RichTextNode, Side } from '../../../../shared/persona/types.ts';
import { useT } from '../../i18n/index.ts';
import type { Translate } from '../../i18n/index.ts';

/** What a claim shows of one evidence item it links to. */
export interface ClaimEvidence {
  side: Side;
  /** The item's reference, e.g. "M1" or "S2". */
  label: string;
  /** The item's text, for the claim's description. */
  text: string;
  /** The id of the element to jump to (the item in the evidence summary), if any. */
  anchor?: string;
}

export interface RichTextViewProps {
  content: RichTextDoc;
  /** Every evidence item that exists, by id. A claim's ids that are not here are deleted items. */
  evidence?: ReadonlyMap<string, ClaimEvidence>;
  /** Heading level 1 of the content renders as h(1 + offset): under a section's h2, h3. */
  headingOffset?: number;
  className?: string;
}

const NO_EVIDENCE: ReadonlyMap<string, ClaimEvidence> = new Map();

interface Context {
  t: Translate;
  evidence: ReadonlyMap<string, ClaimEvidence>;
  sideOf: ReadonlyMap<string, Side>;
  headingOffset: number;
}

/** A section's rich text, read-only: formatting, lists, and claims with their evidence references. */
export function RichTextView({ content, evidence = NO_EVIDENCE, headingOffset = 2, className = 'rich-text' }: RichTextViewProps) {
  const t = useT();
  const sideOf = new Map([...evidence].map(([id, item]) => [id, item.side]));
  const context: Context = { t, evidence, sideOf, headingOffset };
  // Bounded, so rendering recurses at most MAX_RICH_TEXT_DEPTH levels whatever the content.
  return <div className={className}>{renderBlocks(boundRichTextDepth(content).content, context)}</div>;
}

function renderBlocks(nodes: readonly RichTextNode[] | undefined, context: Context): ReactNode[] {
  return (nodes ?? []).map((node, index) => renderBlock(node, index, context));
}

function renderBlock(node: RichTextNode, key: number, context: Context): ReactNode {
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return children.length === 0 ? <p key={key} className="rich-text__empty" aria-hidden /> : <p key={key}>{renderInline(children, context)}</p>;
    case 'heading': {
      const level = Math.min(6, Math.max(1, clampLevel(node.attrs?.['level']) + context.headingOffset));
      const Tag = `h${level}` as 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
      return (
        <Tag key={key} className={`rich-text__heading rich-text__heading--${clampLevel(node.attrs?.['level'])}`}>
          {renderInline(children, context)}
        </Tag>
      );
    }
    case 'bulletList':
      return <ul key={key}>{renderBlocks(children, context)}</ul>;
    case 'orderedList': {
      const start = node.attrs?.['start'];
      return (
        <ol key={key} start={typeof start === 'number' && Number.isInteger(start) && start !== 1 ? start : undefined}>
          {renderBlocks(children, context)}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{renderBlocks(children, context)}</li>;
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(children, context)}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children.map((child) => child.text ?? '').join('')}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr key={key} />;
    case 'hardBreak':
      return <br key={key} />;
    case 'text':
      return <span key={key}>{renderInline([node], context)}</span>;
    default:
      // An unknown node: its text, inline or as blocks, so nothing written is hidden.
      if (children.length === 0) return node.text ? <span key={key}>{node.text}</span> : null;
      return children.some((child) => child.type === 'text' || child.type === 'hardBreak') ? (
        <p key={key}>{renderInline(children, context)}</p>
      ) : (
        <div key={key}>{renderBlocks(children, context)}</div>
      );
  }
}

function clampLevel(level: unknown): 1 | 2 | 3 {
  if (typeof level !== 'number' || !Number.isFinite(level)) return 1;
  return Math.min(3, Math.max(1, Math.round(level))) as 1 | 2 | 3;
}

/** The existing evidence ids a node's evidence mark links to, in order. */
function claimIds(node: RichTextNode, evidence: ReadonlyMap<string, ClaimEvidence>): string[] {
  const mark = node.marks?.find((m) => m.type === EVIDENCE_MARK.name);
  if (!mark) return [];
  return [...new Set(idsOfMarkAttrs(mark.attrs))].filter((id) => evidence.has(id));
}

/** Inline content, with consecutive pieces of one claim grouped so its references follow it once. */
function renderInline(nodes: readonly RichTextNode[], context: Context): ReactNode[] {
  const out: ReactNode[] = [];
  let index = 0;
  while (index < nodes.length) {
    const node = nodes[index];
    if (!node) break;
    const ids = node.type === 'text' ? claimIds(node, context.evidence) : [];
    if (ids.length === 0) {
      out.push(renderInlineNode(node, index, context));
      index += 1;
      continue;
    }
    const groupKey = ids.join(',');
    const group: ReactNode[] = [];
    const start = index;
    while (index < nodes.length) {
      const next = nodes[index];
      if (!next || next.type !== 'text' || claimIds(next, context.evidence).join(',') !== groupKey) break;
      group.push(renderInlineNode(next, index, context));
      index += 1;
    }
    out.push(<Claim key={`claim-${start}`} ids={ids} context={context}>{group}</Claim>);
  }
  return out;
}

function renderInlineNode(node: RichTextNode, key: number, context: Context): ReactNode {
  if (node.type === 'hardBreak') return <br key={key} />;
  if (node.type !== 'text') {
    // An unknown inline node: its text only.
    const children = node.content ?? [];
    return children.length > 0 ? <span key={key}>{renderInline(children, context)}</span> : node.text ? <span key={key}>{node.text}</span> : null;
  }
  let element: ReactNode = node.text ?? '';
  for (const mark of node.marks ?? []) element = wrapMark(mark, element);
  return <span key={key}>{element}</span>;
}

function wrapMark(mark: RichTextMark, element: ReactNode): ReactNode {
  switch (mark.type) {
    case 'bold':
      return <strong>{element}</strong>;
    case 'italic':
      return <em>{element}</em>;
    case 'strike':
      return <s>{element}</s>;
    case 'underline':
      return <u>{element}</u>;
    case 'code':
      return <code>{element}</code>;
    case 'link': {
      const href = mark.attrs?.['href'];
      return typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {element}
        </a>
      ) : (
        element
      );
    }
    default:
      return element;
  }
}

function Claim({ ids, context, children }: { ids: readonly string[]; context: Context; children: ReactNode }) {
  const { t, evidence, sideOf } = context;
  const backing = claimBacking(ids, sideOf);
  const items = ids.flatMap((id) => {
    const item = evidence.get(id);
    return item ? [{ id, ...item }] : [];
  });
  const description = [
    t(`library.claim.backing.${backing === 'none' ? 'marketing' : backing}`),
    ...items.map((item) => t('library.claim.item', { label: item.label, text: item.text })),
  ].join('\n');
  return (
    <span className="library-claim-group">
      <mark className={`library-claim library-claim--${backing}`} data-backing={backing} data-evidence-ids={ids.join(',')} title={description}>
        {children}
      </mark>
      <sup className="library-claim__refs">
        {items.map((item, i) => {
          const label = t('library.claim.ref', { label: item.label, text: item.text });
          const className = `library-claim__ref library-claim__ref--${item.side}`;
          return (
            <span key={item.id}>
              {i > 0 ? <span aria-hidden>,</span> : null}
              {item.anchor ? (
                <a className={className} href={`#${item.anchor}`} aria-label={label} title={label}>
                  {item.label}
                </a>
              ) : (
                <span className={className} title={label}>
                  {item.label}
                  <span className="visually-hidden">{` ${item.text}`}</span>
                </span>
              )}
            </span>
          );
        })}
      </sup>
    </span>
  );
}
