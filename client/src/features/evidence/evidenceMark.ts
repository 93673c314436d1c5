// The `evidence` mark on a claim (SPEC §2), coloured by the sides backing it, and assumptions flagged in lists.
import { Mark, mergeAttributes } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { claimBacking, idsOfMarkAttrs, isAssumption } from '../../../../shared/persona/links.ts';
import { EVIDENCE_MARK, formatEvidenceIds } from '../../../../shared/persona/schema.ts';
import type { RichTextNode, Side } from '../../../../shared/persona/types.ts';

export interface EvidenceMarkOptions {
  /** The side of every evidence item that exists now; read whenever the claims are redrawn. */
  sideOf: () => ReadonlyMap<string, Side>;
  /** Whether list items in this section are claims that need evidence (Goals, Pains, Objections). */
  flagAssumptions: boolean;
  assumptionLabel: string;
}

interface ClaimsState {
  decorations: DecorationSet;
  assumptions: number;
}

export const claimsPluginKey = new PluginKey<ClaimsState>('tandemClaims');

/** Meta that tells the claims plugin the evidence changed, so colours and assumptions are redrawn. */
const REFRESH = 'refresh';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    evidence: {
      /** Links the selection (or the claim the caret is in) to these items; an empty list unlinks it. */
      setEvidenceLinks: (ids: readonly string[]) => ReturnType;
    };
  }
}

function computeClaims(doc: PmNode, options: EvidenceMarkOptions): ClaimsState {
  const sideOf = options.sideOf();
  const existing = new Set(sideOf.keys());
  const decorations: Decoration[] = [];
  let assumptions = 0;
  doc.descendants((node, pos) => {
    if (node.isText) {
      const mark = node.marks.find((m) => m.type.name === EVIDENCE_MARK.name);
      if (mark) {
        const backing = claimBacking(idsOfMarkAttrs(mark.attrs), sideOf);
        decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: `claim claim--${backing}`, 'data-backing': backing }));
      }
      return false;
    }
    if (options.flagAssumptions && node.type.name === 'listItem' && isAssumption(node.toJSON() as RichTextNode, existing)) {
      assumptions += 1;
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, {
          class: 'assumption',
          'data-assumption': 'true',
          title: options.assumptionLabel,
          style: `--assumption-label: ${JSON.stringify(options.assumptionLabel)}`,
        }),
      );
    }
    return true;
  });
  return { decorations: DecorationSet.create(doc, decorations), assumptions };
}

/** Asks every editor with this mark to redraw its claims, e.g. after evidence was added or deleted. */
export function refreshClaims(state: EditorState, dispatch: (tr: EditorState['tr']) => void): void {
  dispatch(state.tr.setMeta(claimsPluginKey, REFRESH).setMeta('addToHistory', false));
}

export function assumptionCount(state: EditorState): number {
  return claimsPluginKey.getState(state)?.assumptions ?? 0;
}

export const EvidenceMark = Mark.create<EvidenceMarkOptions>({
  name: EVIDENCE_MARK.name,
  // Typing right after a claim does not extend it.
  inclusive: false,

  addOptions() {
    return { sideOf: () => new Map(), flagAssumptions: false, assumptionLabel: 'Assumption' };
  },

  addAttributes() {
    return {
      [EVIDENCE_MARK.idsAttr]: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-evidence-ids') ?? '',
        renderHTML: (attributes) => ({ 'data-evidence-ids': String(attributes[EVIDENCE_MARK.idsAttr] ?? '') }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-evidence-ids]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes({ class: 'claim-link' }, HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setEvidenceLinks:
        (ids) =>
        ({ state, chain }) => {
          // A caret inside a claim acts on the whole claim; a selection acts on exactly what is selected.
          const base = state.selection.empty ? chain().extendMarkRange(EVIDENCE_MARK.name) : chain();
          return ids.length === 0
            ? base.unsetMark(EVIDENCE_MARK.name).run()
            : base.setMark(EVIDENCE_MARK.name, { [EVIDENCE_MARK.idsAttr]: formatEvidenceIds(ids) }).run();
        },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<ClaimsState>({
        key: claimsPluginKey,
        state: {
          init: (_, state) => computeClaims(state.doc, options),
          apply: (tr, value, _old, state) =>
            tr.docChanged || tr.getMeta(claimsPluginKey) === REFRESH ? computeClaims(state.doc, options) : value,
        },
        props: {
          decorations: (state) => claimsPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
      }),
    ];
  },
});

/** The evidence ids on the claims the selection touches (or the claim the caret is in). */
export function selectedEvidenceIds(state: EditorState): string[] {
  const { from, to, empty, $from } = state.selection;
  const ids = new Set<string>();
  const collect = (marks: readonly { type: { name: string }; attrs: unknown }[]) => {
    for (const mark of marks) {
      if (mark.type.name === EVIDENCE_MARK.name) for (const id of idsOfMarkAttrs(mark.attrs)) ids.add(id);
    }
  };
  if (empty) collect($from.marks());
  else state.doc.nodesBetween(from, to, (node) => collect(node.marks));
  return [...ids];
}
