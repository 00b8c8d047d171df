import { describe, expect, it } from 'vitest';
import { createRecordKeys, isTid } from './record-key';

describe('record keys (TIDs)', () => {
  it('are valid TIDs, unique and increasing even within one millisecond', () => {
    const next = createRecordKeys(() => Date.UTC(2026, 11, 7, 20, 0, 0));
    const keys = Array.from({ length: 2000 }, () => next());
    expect(keys.every(isTid)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
  });

  it('follow the clock', () => {
    let at = Date.UTC(2026, 0, 1);
    const next = createRecordKeys(() => at);
    const first = next();
    at += 60_000;
    expect(next() > first).toBe(true);
  });
});
