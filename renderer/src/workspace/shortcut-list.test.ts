import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/locales/en/workspace.json';
import fr from '../../../shared/i18n/locales/fr/workspace.json';
import { keycap, shortcutGroups } from './shortcut-list';
import { workspaceKeys } from './use-workspace-keys';

const listed = new Set(shortcutGroups.flatMap((group) => group.shortcuts.flatMap((shortcut) => shortcut.keys)));

describe('the ? overlay', () => {
  it('lists every key the room’s code answers to', () => {
    expect(workspaceKeys.filter((key) => !listed.has(key))).toEqual([]);
    // Handled outside the timeline's keys: the item actions, the alerts, the submit prompt,
    // who am I, undo, the splitters.
    const elsewhere = ['m', 'Enter', 'Control+Enter', 'y', 'n', '-', 'a', 'c', 'i', '1', 'Control+Z', 'Escape'];
    for (const key of [...elsewhere, 'ArrowLeft', 'Home']) expect(listed).toContain(key);
  });

  it('has every line and group in English and French', () => {
    const labels = shortcutGroups.flatMap((group) => group.shortcuts.map((shortcut) => shortcut.label));
    for (const catalog of [en.shortcuts, fr.shortcuts]) {
      for (const label of labels) expect(catalog).toHaveProperty([label]);
      for (const group of shortcutGroups) expect(catalog.groups).toHaveProperty([group.id]);
    }
  });

  it('prints named keys in the reader’s language and arrows as arrows', () => {
    const french = (key: string) => (key === 'shortcuts.keys.enter' ? 'Entrée' : key);
    expect(keycap('Enter', french)).toBe('Entrée');
    expect(keycap('ArrowUp', french)).toBe('↑');
    expect(keycap('z', french)).toBe('z');
  });
});
