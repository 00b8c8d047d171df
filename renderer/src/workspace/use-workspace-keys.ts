import { useEffect, useLayoutEffect, useRef } from 'react';
import { isTypingTarget } from '../toolkit/keyboard';

export interface WorkspaceKeyActions {
  move: (by: 1 | -1) => void;
  switchColumn: (by: 1 | -1) => void;
  star: () => void;
  handled: () => void;
  respond: () => void;
  /** Hide the selected item as noise. */
  noise: () => void;
  moveColumn: (by: 1 | -1) => void;
  search: () => void;
  help: () => void;
  wall: () => void;
  escape: () => void;
}

/** Single-key shortcuts, ignored while typing in a field (Esc still works there). */
export function useWorkspaceKeys(actions: WorkspaceKeyActions): void {
  const current = useRef(actions);
  useLayoutEffect(() => {
    current.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const a = current.current;
      if (event.key === 'Escape') {
        a.escape();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const handlers: Record<string, () => void> = {
        j: () => a.move(1),
        k: () => a.move(-1),
        n: () => a.switchColumn(1),
        p: () => a.switchColumn(-1),
        s: a.star,
        h: a.handled,
        r: a.respond,
        x: a.noise,
        '[': () => a.moveColumn(-1),
        ']': () => a.moveColumn(1),
        '/': a.search,
        '?': a.help,
        w: a.wall,
      };
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
