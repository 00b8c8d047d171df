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

/** The single keys below, in the order the `?` overlay lists them. */
export const workspaceKeys = ['j', 'k', 'n', 'p', 's', 'h', 'r', 'x', '[', ']', '/', 'w', '?'] as const;
type WorkspaceKey = (typeof workspaceKeys)[number];
const isWorkspaceKey = (key: string): key is WorkspaceKey => (workspaceKeys as readonly string[]).includes(key);

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
      const handlers: Record<WorkspaceKey, () => void> = {
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
      if (!isWorkspaceKey(event.key)) return;
      event.preventDefault();
      handlers[event.key]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
