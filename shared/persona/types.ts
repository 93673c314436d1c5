// Yjs-free domain types of a persona, as client, server and exports see it once read from the document.
import type { Actuals } from '../scorecard/figures.ts';
import type { Metric } from '../scorecard/metrics.ts';
import type { EVIDENCE_KINDS, SectionKey, Side } from './schema.ts';

export type { SectionKey, Side } from './schema.ts';

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Every field is a string, '' when absent; `createdAt` is ISO 8601. */
export interface Profile {
  name: string;
  role: string;
  segment: string;
  companySize: string;
  location: string;
  avatar: string;
  createdAt: string;
}

export interface EvidenceItem {
  id: string;
  side: Side;
  kind: EvidenceKind;
  text: string;
  source: string;
  /** The section the item supports, or '' when it supports none yet. */
  section: SectionKey | '';
  author: string;
  createdAt: string;
  /** Set by readers that attribute (SPEC §6): the author's member id, null for the Operator or unverified text. */
  authorId?: string | null | undefined;
  /** Set by readers that attribute: false when `author` is only text a client stored before members existed. */
  verified?: boolean | undefined;
}

/** Set on a thread or reply by readers that attribute (SPEC §6); `author` is then the server's word. */
export interface AttributedMessage {
  /** The author's member id; null for the Operator or for text written before members existed. */
  authorId?: string | null | undefined;
  /** False when `author` is only text a client stored before members existed. */
  verified?: boolean | undefined;
  /** The author's team; `side` is that team, or the stated side when the team is `other`. */
  team?: Side | 'other' | undefined;
}

export interface CommentReply extends AttributedMessage {
  author: string;
  side: Side;
  text: string;
  createdAt: string;
}

/**
 * Where a thread on selected words sits: Yjs relative positions (base64 of Y.encodeRelativePosition)
 * of the words' start and end in the section, and the words as they were when commented. Not a mark
 * in the text: commenting never edits the section.
 */
export interface ThreadAnchor {
  start: string;
  end: string;
  quote: string;
}

export interface CommentThread extends AttributedMessage {
  id: string;
  section: SectionKey;
  /** Set on a thread about selected words; a thread without it is about the whole section. */
  anchor?: ThreadAnchor | undefined;
  author: string;
  side: Side;
  text: string;
  createdAt: string;
  resolved: boolean;
  replies: CommentReply[];
}

export interface SignOff {
  by: string;
  at: string;
  /** Fingerprint of the section's content when signed; a different one now means the sign-off is stale. */
  fingerprint: string;
  /** Set by readers that attribute (SPEC §6): the member who signed, whose name `by` then is. */
  memberId?: string | undefined;
}

export interface RichTextMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** A ProseMirror node in its JSON form (what Tiptap's `getJSON()` returns). */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  text?: string;
  marks?: RichTextMark[];
}

export interface RichTextDoc {
  type: 'doc';
  content: RichTextNode[];
}

export interface Persona {
  profile: Profile;
  sections: Record<SectionKey, RichTextDoc>;
  evidence: EvidenceItem[];
  comments: CommentThread[];
  /** Keyed by `signoffKey(section, side)`. */
  signoff: Record<string, SignOff>;
}

/** A persona frozen into plain JSON: what a published version keeps, what the library and the PDF show. */
export interface PersonaSnapshot {
  profile: Profile;
  /** ProseMirror JSON by section key, in the encoding Tiptap's `getJSON()` gives. */
  sections: Record<SectionKey, RichTextDoc>;
  evidence: EvidenceItem[];
  /** The stored sign-offs, keyed by `<section>:<side>`. */
  signoff: Record<string, SignOff>;
  /** SPEC §8, frozen at publish: the targets with agreed and their signers (absent in versions from before). */
  targets?: FrozenTarget[] | undefined;
  /** One scorecard per period that has targets, from the latest import at publish. */
  scorecards?: FrozenScorecard[] | undefined;
}

/** A target as a version freezes it (SPEC §8): agreed, and each side's genuine signer. */
export interface FrozenTarget {
  id: string;
  metric: Metric;
  value: number;
  period: string;
  agreed: boolean;
  signoffs: Record<Side, { by: string; memberId: string; at: string; stale: boolean } | null>;
}

/** A period's scorecard as a version freezes it (the API's `Scorecard`). */
export interface FrozenScorecard {
  period: string;
  targets: { id: string; metric: Metric; value: number; period: string; agreed: boolean; actual: number | null; met: boolean | null }[];
  actuals: Actuals;
  basis: { importId: string; at: string; deals: number } | null;
  /** Each import's figures, oldest first: the PDF's trend chart (the library JSON leaves it out). */
  trend?: { importId: string; at: string; winRate: number | null; avgDealSize: number | null; salesCycleDays: number | null; dealsWon: number | null; pipelineCreated: number | null }[] | undefined;
}

export interface EvidenceCounts {
  marketing: number;
  sales: number;
}
