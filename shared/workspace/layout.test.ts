import { describe, expect, it } from 'vitest';
import { defaultLayout, readStoredLayout, WorkspaceLayout } from './layout';

describe('stored layouts', () => {
  it('reads what was saved', () => {
    const saved = {
      volumeHeight: 220,
      volumeShown: false,
      columnWidths: { a: 300 },
      wall: true,
      density: 'comfortable',
    };
    expect(readStoredLayout(saved)).toEqual(saved);
  });

  it('reads a layout saved before the density switch as compact, in the store and in the contract', () => {
    const older = { volumeHeight: 220, volumeShown: false, columnWidths: { a: 300 }, wall: true };
    expect(readStoredLayout(older)).toEqual({ ...older, density: 'compact' });
    expect(WorkspaceLayout.parse(older)).toEqual({ ...older, density: 'compact' });
    expect(readStoredLayout({ ...older, density: 'huge' }).density).toBe('compact');
  });

  it('falls back part by part on damaged or older data, instead of losing the whole arrangement', () => {
    expect(readStoredLayout({ volumeHeight: 5, volumeShown: false, columnWidths: 'x' })).toEqual({
      ...defaultLayout,
      volumeShown: false,
    });
    expect(readStoredLayout(null)).toEqual(defaultLayout);
  });

  it('is strict about what may be saved', () => {
    expect(WorkspaceLayout.safeParse({ ...defaultLayout, volumeHeight: 5 }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, k) => [`c${k}`, 300]));
    expect(WorkspaceLayout.safeParse({ ...defaultLayout, columnWidths: many }).success).toBe(false);
    expect(WorkspaceLayout.safeParse({ ...defaultLayout, density: 'huge' }).success).toBe(false);
  });
});
