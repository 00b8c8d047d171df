import { useEffect, type RefObject } from 'react';

/**
 * Esc always brings focus back to the timeline (the selected post, else the columns), from a
 * field, the drafts panel or an alert, so the next single-key shortcut works at once. A
 * dialog that handles Esc itself stops it before it gets here.
 */
export function useEscapeToTimeline(timeline: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const root = timeline.current;
      if (!root) return;
      // Let the field's own Esc (closing a search, a form) run first, then move focus.
      requestAnimationFrame(() => {
        const selected = root.querySelector<HTMLElement>('article[aria-current="true"]');
        const target = selected && selected.tabIndex >= 0 ? selected : root;
        if (!root.contains(document.activeElement) || document.activeElement !== target) target.focus();
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [timeline]);
}
