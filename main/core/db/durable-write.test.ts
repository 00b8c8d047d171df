import { describe, expect, it } from 'vitest';
import { tempCoresPerTest } from '../testing/temp-core';
import { durably } from './durable-write';

const createTempCore = tempCoresPerTest();

// SQLite's numbers for the synchronous setting.
const FULL = 2;
const NORMAL = 1;

describe('durable writes', () => {
  it('commit with synchronous = FULL, and the store goes back to NORMAL after, even when the work throws', () => {
    const { db } = createTempCore();
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    const seen = durably(db, () => db.pragma('synchronous', { simple: true }));
    expect(seen).toBe(FULL);
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    expect(() =>
      durably(db, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
  });
});
