import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { isSectionKey } from '../../../../shared/persona/schema.ts';
import type { WorkshopPanelState } from './useWorkshopPanel.ts';

/** How long a place is looked for (the document may still be arriving) and then shown highlighted. */
const FIND_WITHIN_MS = 10_000;
const HIGHLIGHT_MS = 4_000;

/**
 * `/p/<id>?section=<key>&thread=<id>&evidence=<id>` (inbox items, mails, live notices): scrolls to
 * and highlights the section, opens the threads on that thread or the board on that evidence item
 * and highlights it. Never moves keyboard focus: the link was followed, the page is read first.
 */
export function useDeepLink(panel: Pick<WorkshopPanelState, 'setTab' | 'setThreadSection' | 'setBoardSection'>): void {
  const { search, key } = useLocation();
  const { setTab, setThreadSection, setBoardSection } = panel;
  useEffect(() => {
    const params = new URLSearchParams(search);
    const section = params.get('section');
    const thread = params.get('thread');
    const evidence = params.get('evidence');
    const stops: (() => void)[] = [];
    if (section !== null && isSectionKey(section)) stops.push(highlightWhenThere(`#section-${section}`));
    if (thread) {
      setThreadSection('all');
      setTab('threads');
      stops.push(highlightWhenThere(`[data-thread-id="${CSS.escape(thread)}"]`));
    } else if (evidence) {
      setBoardSection('all');
      setTab('evidence');
      stops.push(highlightWhenThere(`[data-evidence-id="${CSS.escape(evidence)}"]`));
    }
    return () => stops.forEach((stop) => stop());
    // `key` too: following the same link again shows the place again.
  }, [search, key, setTab, setThreadSection, setBoardSection]);
}

/** Waits for the element to appear, then scrolls it into view and marks it for a few seconds. */
function highlightWhenThere(selector: string): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let element: Element | null = null;
  const started = Date.now();
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const look = () => {
    element = document.querySelector(selector);
    if (!element) {
      timer = Date.now() - started < FIND_WITHIN_MS ? setTimeout(look, 100) : null;
      return;
    }
    element.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    element.setAttribute('data-highlighted', 'true');
    timer = setTimeout(() => element?.removeAttribute('data-highlighted'), HIGHLIGHT_MS);
  };
  look();
  return () => {
    if (timer) clearTimeout(timer);
    element?.removeAttribute('data-highlighted');
  };
}
