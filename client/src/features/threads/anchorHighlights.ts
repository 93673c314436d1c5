// Threads on selected words, in the editor: the words each open thread is on are highlighted with
// decorations (never a mark: commenting must not edit the section), redrawn from the threads'
// Yjs relative positions whenever the section changes remotely, mapped through local edits.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { anchorBetween, decodePosition } from '../../../../shared/persona/anchors.ts';
import type { YPlace } from '../../../../shared/persona/anchors.ts';
import type { ThreadAnchor } from '../../../../shared/persona/types.ts';

/** An open thread on words of this section. */
export interface AnchoredThread {
  id: string;
  anchor: ThreadAnchor;
}

interface HighlightsState {
  threads: readonly AnchoredThread[];
  decorations: DecorationSet;
}

/** What the sync plugin keeps: the Yjs fragment, its document and the node ↔ type mapping. */
interface Binding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Parameters<typeof relativePositionToAbsolutePosition>[3];
}

export const anchorHighlightsKey = new PluginKey<HighlightsState>('tandemThreadAnchors');

function bindingOf(state: EditorState): Binding | null {
  const sync: unknown = ySyncPluginKey.getState(state);
  if (sync === null || typeof sync !== 'object' || !('binding' in sync)) return null;
  const binding = sync.binding as Partial<Binding> | null;
  return binding?.type instanceof Y.XmlFragment && binding.doc instanceof Y.Doc && binding.mapping instanceof Map
    ? { type: binding.type, doc: binding.doc, mapping: binding.mapping as Binding['mapping'] }
    : null;
}

function decorate(state: EditorState, threads: readonly AnchoredThread[]): DecorationSet {
  const binding = bindingOf(state);
  if (!binding || threads.length === 0) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  const toPm = (encoded: string): number | null => {
    const relative = decodePosition(encoded);
    return relative && relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping);
  };
  for (const { id, anchor } of threads) {
    const from = toPm(anchor.start);
    const to = toPm(anchor.end);
    if (from === null || to === null || from >= to || to > state.doc.content.size) continue;
    decorations.push(Decoration.inline(from, to, { class: 'thread-anchor', 'data-thread-id': id }, { threadId: id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Tells the editor which open threads sit on its words; their highlights are redrawn. */
export function setAnchoredThreads(state: EditorState, dispatch: (tr: Transaction) => void, threads: readonly AnchoredThread[]): void {
  dispatch(state.tr.setMeta(anchorHighlightsKey, threads).setMeta('addToHistory', false));
}

/**
 * The anchor of the editor's selection, or null when nothing (or only space) is selected. The ends
 * are taken from the sync plugin's mapping, then held to the first and last selected characters.
 */
export function anchorOfSelection(state: EditorState): ThreadAnchor | null {
  const { from, to } = state.selection;
  const quote = state.doc.textBetween(from, to, '\n', ' ');
  const binding = bindingOf(state);
  if (from >= to || quote.trim() === '' || !binding) return null;
  const place = (pos: number): YPlace | null => {
    const relative: Y.RelativePosition = absolutePositionToRelativePosition(pos, binding.type, binding.mapping);
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
    const type: unknown = absolute?.type;
    return absolute && (type instanceof Y.XmlText || type instanceof Y.XmlFragment) ? { type, index: absolute.index } : null;
  };
  const start = place(from);
  const end = place(to);
  return start && end ? anchorBetween(start, end, quote) : null;
}

export const ThreadAnchorHighlights = Extension.create({
  name: 'threadAnchorHighlights',

  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightsState>({
        key: anchorHighlightsKey,
        state: {
          init: () => ({ threads: [], decorations: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const threads = tr.getMeta(anchorHighlightsKey) as readonly AnchoredThread[] | undefined;
            if (threads) return { threads, decorations: decorate(state, threads) };
            const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
            // Someone else's edit arrived: the sync plugin's mapping is already current, so resolve again.
            if (sync?.isChangeOrigin) return { threads: value.threads, decorations: decorate(state, value.threads) };
            // A local edit: the Yjs side is written after this, so follow the edit instead.
            return tr.docChanged ? { threads: value.threads, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
          },
        },
        props: {
          decorations: (state) => anchorHighlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
      }),
    ];
  },
});
