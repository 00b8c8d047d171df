import { workspaceKeys } from './use-workspace-keys';

/**
 * One line of the `?` overlay. `keys` are written as `aria-keyshortcuts` writes them
 * (`Control+Enter`, `Escape`, `y`), so a test can hold them against the keys the code
 * answers to; `range` prints the first and last key as a span (1–9).
 */
export interface Shortcut {
  keys: readonly string[];
  /** A key of the `workspace` catalog's `shortcuts` section. */
  label: string;
  range?: boolean;
}

export interface ShortcutGroup {
  /** A key of `shortcuts.groups`. */
  id: 'timeline' | 'respond' | 'anywhere' | 'layout';
  shortcuts: readonly Shortcut[];
}

const timelineLabels: Record<(typeof workspaceKeys)[number], string> = {
  j: 'next',
  k: 'previous',
  n: 'nextColumn',
  p: 'previousColumn',
  s: 'star',
  h: 'handled',
  r: 'respond',
  x: 'noise',
  '[': 'moveColumnLeft',
  ']': 'moveColumnRight',
  '/': 'search',
  w: 'wall',
  '?': 'help',
};

/** Every key the room answers to, grouped by where it works. Keep in step with the handlers. */
export const shortcutGroups: readonly ShortcutGroup[] = [
  {
    id: 'timeline',
    shortcuts: workspaceKeys.filter((key) => key !== '?').map((key) => ({ keys: [key], label: timelineLabels[key] })),
  },
  {
    id: 'respond',
    shortcuts: [
      { keys: ['m'], label: 'moment' },
      { keys: ['Enter'], label: 'draftFromAlert' },
      { keys: ['Control+Enter'], label: 'submit' },
      { keys: ['y', 'n', '-'], label: 'answer' },
      { keys: ['a'], label: 'approve' },
      { keys: ['c'], label: 'requestChanges' },
    ],
  },
  {
    id: 'anywhere',
    shortcuts: [
      { keys: ['i'], label: 'whoAmI' },
      { keys: ['1', '9'], label: 'pickPerson', range: true },
      { keys: ['Control+Z'], label: 'undo' },
      { keys: ['?'], label: 'help' },
      { keys: ['Escape'], label: 'escape' },
    ],
  },
  {
    id: 'layout',
    shortcuts: [
      { keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'], label: 'resize' },
      { keys: ['Home', 'End'], label: 'resizeToBounds' },
    ],
  },
];

/** Arrows print as arrows; other named keys through `shortcuts.keys` (Entrée, Échap in French). */
const arrows: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };
const namedKeys: Record<string, string> = {
  Control: 'ctrl',
  Enter: 'enter',
  Escape: 'escape',
  Home: 'home',
  End: 'end',
};

/** How one key of a chord is printed on its keycap. */
export function keycap(part: string, translate: (key: string) => string): string {
  const arrow = arrows[part];
  if (arrow) return arrow;
  const named = namedKeys[part];
  return named ? translate(`shortcuts.keys.${named}`) : part;
}
