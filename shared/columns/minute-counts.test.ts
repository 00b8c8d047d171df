import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineMinuteCounts, type MinuteCount } from './minute-counts';

const m = (minute: number, count: number): MinuteCount => ({ minute: minute * 60_000, count });
const all = { from: 0, to: Number.MAX_SAFE_INTEGER };

describe('combineMinuteCounts', () => {
  it('adds new minutes and counts to the same minutes, in time order', () => {
    expect(combineMinuteCounts([m(1, 3), m(4, 1)], [m(0, 2), m(4, 2), m(7, 1)], 1, all)).toEqual([
      m(0, 2),
      m(1, 3),
      m(4, 3),
      m(7, 1),
    ]);
  });

  it('takes counts away, dropping minutes left empty', () => {
    expect(combineMinuteCounts([m(1, 3), m(2, 1)], [m(2, 1)], -1, all)).toEqual([m(1, 3)]);
  });

  it('keeps only the minutes that overlap the range', () => {
    const range = { from: 2 * 60_000, to: 5 * 60_000 };
    expect(combineMinuteCounts([m(1, 1), m(2, 1)], [m(4, 1), m(5, 1)], 1, range)).toEqual([m(2, 1), m(4, 1)]);
    const partial = { from: 2 * 60_000 + 30_000, to: 4 * 60_000 + 1 };
    expect(combineMinuteCounts([m(1, 1), m(2, 1)], [m(4, 1), m(5, 1)], 1, partial)).toEqual([m(2, 1), m(4, 1)]);
  });

  it('adding two halves gives the counts of the whole (property)', () => {
    const minutes = fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 60 });
    fc.assert(
      fc.property(minutes, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (picked, toFirst) => {
        const sorted = [...picked].sort((a, b) => a - b);
        const whole = sorted.map((minute, i) => m(minute, (i % 3) + 2));
        const first = whole.map((c, i) => ({ ...c, count: toFirst[i] ? c.count : 1 }));
        const second = whole.map((c, i) => ({ ...c, count: toFirst[i] ? 0 : c.count - 1 })).filter((c) => c.count > 0);
        expect(combineMinuteCounts(first, second, 1, all)).toEqual(whole);
        expect(combineMinuteCounts(whole, second, -1, all)).toEqual(first);
      }),
    );
  });
});
