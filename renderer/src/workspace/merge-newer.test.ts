import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeNewer } from './merge-newer';

const item = (id: number, publishedAt: number) => ({ id, publishedAt });
const items = fc
  .uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 40 }), publishedAt: fc.integer({ min: 0, max: 10 }) }), {
    selector: (i) => i.id,
    maxLength: 20,
  })
  .map((list) => mergeNewer([], list));

describe('mergeNewer', () => {
  it('adds what is new, newest published first, the later stored first on a tie', () => {
    const current = [item(3, 30), item(1, 10)];
    expect(mergeNewer(current, [item(4, 20), item(3, 30), item(5, 30)])).toEqual([
      item(5, 30),
      item(3, 30),
      item(4, 20),
      item(1, 10),
    ]);
  });

  it('gives back the same list when nothing is new, so nothing renders again', () => {
    const current = [item(2, 20), item(1, 10)];
    expect(mergeNewer(current, [item(1, 10)])).toBe(current);
    expect(mergeNewer(current, [])).toBe(current);
  });

  it('holds every item of both lists once, in order, whatever overlaps', () => {
    fc.assert(
      fc.property(items, items, (current, fetched) => {
        const merged = mergeNewer(current, fetched);
        const ids = merged.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...current, ...fetched].map((i) => i.id)));
        for (let i = 1; i < merged.length; i += 1) {
          const [a, b] = [merged[i - 1], merged[i]];
          if (!a || !b) continue;
          expect(a.publishedAt > b.publishedAt || (a.publishedAt === b.publishedAt && a.id > b.id)).toBe(true);
        }
      }),
    );
  });

  it('keeps the item it already shows when a refresh brings the same id again', () => {
    const shown = { id: 1, publishedAt: 10, starred: true };
    expect(
      mergeNewer(
        [shown],
        [
          { id: 1, publishedAt: 10, starred: false },
          { id: 2, publishedAt: 5, starred: false },
        ],
      ),
    ).toEqual([shown, { id: 2, publishedAt: 5, starred: false }]);
  });
});
