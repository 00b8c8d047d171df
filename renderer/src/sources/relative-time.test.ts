import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time';

const now = Date.UTC(2026, 6, 14, 18, 0);
const second = 1000;

describe('formatRelative', () => {
  it('picks the unit a person would say', () => {
    expect(formatRelative(now - 30 * second, now, 'en')).toBe('30 seconds ago');
    expect(formatRelative(now - 59 * second, now, 'en')).toBe('59 seconds ago');
    expect(formatRelative(now - 60 * second, now, 'en')).toBe('1 minute ago');
    expect(formatRelative(now - 2 * 60 * second, now, 'en')).toBe('2 minutes ago');
    expect(formatRelative(now - 3 * 3600 * second, now, 'en')).toBe('3 hours ago');
    expect(formatRelative(now - 2 * 86_400 * second, now, 'en')).toBe('2 days ago');
  });

  it('says "now" and speaks of the future too', () => {
    expect(formatRelative(now, now, 'en')).toBe('now');
    expect(formatRelative(now + 30 * second, now, 'en')).toBe('in 30 seconds');
    expect(formatRelative(now + 90 * 60 * second, now, 'en')).toBe('in 2 hours');
  });

  it('speaks the person’s language, whatever was asked before', () => {
    expect(formatRelative(now - 2 * 60 * second, now, 'fr')).toBe('il y a 2 minutes');
    expect(formatRelative(now - 2 * 60 * second, now, 'en')).toBe('2 minutes ago');
    expect(formatRelative(now - 2 * 60 * second, now, 'fr')).toBe('il y a 2 minutes');
  });

  it('says "ago" for the past and "in" for the future, at any distance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 86_400 }), (seconds) => {
        expect(formatRelative(now - seconds * second, now, 'en')).toMatch(/ ago$|^yesterday$|^\d+ /);
        expect(formatRelative(now + seconds * second, now, 'en')).toMatch(/^in |^tomorrow$/);
      }),
    );
  });
});
