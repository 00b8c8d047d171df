import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeById, upsertById } from './list-changes';

const row = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), v: fc.integer() });
const rows = fc.uniqueArray(row, { selector: (r) => r.id });

describe('upsertById', () => {
  it('replaces the record with the same id in place, or appends a new one', () => {
    const list = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    expect(upsertById(list, { id: 'a', v: 2 })).toEqual([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]);
    expect(upsertById(list, { id: 'c', v: 1 })).toEqual([...list, { id: 'c', v: 1 }]);
    expect(list).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
  });

  it('holds each id once, with the record given, and is idempotent', () => {
    fc.assert(
      fc.property(rows, row, (list, record) => {
        const once = upsertById(list, record);
        expect(once.filter((r) => r.id === record.id)).toEqual([record]);
        expect(new Set(once.map((r) => r.id)).size).toBe(once.length);
        expect(upsertById(once, record)).toEqual(once);
      }),
    );
  });
});

describe('removeById', () => {
  it('drops only the record with that id', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom('a', 'b', 'c', 'd'), (list, id) => {
        const left = removeById(list, id);
        expect(left).toEqual(list.filter((r) => r.id !== id));
        expect(left.length).toBe(list.some((r) => r.id === id) ? list.length - 1 : list.length);
      }),
    );
  });
});
