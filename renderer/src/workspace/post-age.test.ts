import { describe, expect, it } from 'vitest';
import { formatPostAge } from './post-age';

describe('a post age in a card corner', () => {
  const now = 1_800_000_000_000;
  it('is short in every language, in whole units of the largest that fits', () => {
    expect(formatPostAge(now - 3_000, now, 'en-GB')).toBe('3s');
    expect(formatPostAge(now - 5 * 60_000 - 59_000, now, 'en-GB')).toBe('5m');
    expect(formatPostAge(now - 2 * 3_600_000, now, 'en-GB')).toBe('2h');
    expect(formatPostAge(now - 3 * 86_400_000, now, 'en-GB')).toBe('3d');
    expect(formatPostAge(now - 5 * 60_000, now, 'fr')).toMatch(/^5\s?min$/u);
  });
  it('says nothing for a post from this very second or one dated ahead of the clock (the card says "now")', () => {
    expect(formatPostAge(now, now, 'en-GB')).toBeNull();
    expect(formatPostAge(now + 30_000, now, 'en-GB')).toBeNull();
  });
});
