// Which claim's evidence card is open: the one under the mouse, else the one the caret is in.
import type { Editor } from '@tiptap/react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseEvidenceIds } from '../../../../shared/persona/schema.ts';

const CLAIM_SELECTOR = '[data-evidence-ids]';
// Long enough to move the mouse from the claim onto its card.
const CLOSE_DELAY_MS = 250;

export interface OpenClaim {
  element: HTMLElement;
  ids: string[];
}

function claimAt(node: Node | null, root: HTMLElement): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : (node?.parentElement ?? null);
  const claim = element?.closest<HTMLElement>(CLAIM_SELECTOR) ?? null;
  return claim && root.contains(claim) ? claim : null;
}

function claimUnderCaret(editor: Editor): HTMLElement | null {
  if (!editor.isInitialized || editor.isDestroyed || !editor.isFocused) return null;
  const { from } = editor.state.selection;
  try {
    const { node, offset } = editor.view.domAtPos(from);
    const inside = node.nodeType === Node.TEXT_NODE ? node : (node.childNodes[offset] ?? node);
    return claimAt(inside, editor.view.dom);
  } catch {
    // A position the view has not drawn yet (a remote change mid-render): no card for now.
    return null;
  }
}

export function useClaimInspector(editor: Editor) {
  const [hovered, setHovered] = useState<HTMLElement | null>(null);
  const [caret, setCaret] = useState<HTMLElement | null>(null);
  const [pinned, setPinned] = useState<HTMLElement | null>(null);
  const [dismissed, setDismissed] = useState<HTMLElement | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const cancelClose = useCallback(() => clearTimeout(timer.current), []);
  const later = useCallback((fn: () => void) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(fn, CLOSE_DELAY_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    const update = () => {
      setCaret(claimUnderCaret(editor));
      setDismissed(null);
    };
    const onBlur = () => later(() => setCaret(null));
    editor.on('selectionUpdate', update);
    editor.on('focus', update);
    editor.on('blur', onBlur);
    return () => {
      editor.off('selectionUpdate', update);
      editor.off('focus', update);
      editor.off('blur', onBlur);
    };
  }, [editor, later]);

  const onMouseOver = useCallback(
    (e: ReactMouseEvent<HTMLElement>) => {
      const claim = claimAt(e.target as Node, e.currentTarget);
      if (!claim) return;
      cancelClose();
      setHovered(claim);
      setDismissed((current) => (current === claim ? current : null));
    },
    [cancelClose],
  );
  const onMouseOut = useCallback((e: ReactMouseEvent<HTMLElement>) => {
    const from = claimAt(e.target as Node, e.currentTarget);
    const to = claimAt(e.relatedTarget as Node | null, e.currentTarget);
    if (from && from !== to) later(() => setHovered(null));
  }, [later]);

  const shown = hovered ?? caret ?? pinned;
  const element = shown && shown !== dismissed && shown.isConnected ? shown : null;
  const open: OpenClaim | null = element ? { element, ids: parseEvidenceIds(element.getAttribute('data-evidence-ids') ?? '') } : null;

  return {
    open,
    /** Pointer handlers for the editor's container. */
    containerProps: { onMouseOver, onMouseOut },
    /** Pointer handlers for the card, so moving onto it keeps it open. */
    cardProps: {
      onPointerEnter: () => {
        cancelClose();
        setPinned(shown);
      },
      onPointerLeave: () => {
        setPinned(null);
        later(() => setHovered(null));
      },
    },
    close: () => {
      cancelClose();
      setDismissed(shown);
      setHovered(null);
      setPinned(null);
    },
  };
}
