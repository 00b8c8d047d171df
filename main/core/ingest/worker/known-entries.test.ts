import { describe, expect, it } from 'vitest';
import type { EntryKey } from '../feeds/parse-feed';
import { createKnownEntriesMemory } from './known-entries';

const keys = (prefix: string, count: number): EntryKey[] =>
  Array.from({ length: count }, (_, n) => ({ extId: `${prefix}-${n}`, fingerprint: `f${n}`, unreadable: false }));

describe('the ingest worker’s memory of stored feed entries', () => {
  it('knows nothing of a source before its first stored poll, then its latest document only', () => {
    const memory = createKnownEntriesMemory({ perSource: 10, total: 100 });
    expect(memory.of('feed-1').size).toBe(0);
    memory.remember('feed-1', keys('old', 3));
    memory.remember('feed-1', keys('new', 2));
    expect([...memory.of('feed-1').keys()]).toEqual(['new-0', 'new-1']);
    expect(memory.of('feed-1').get('new-1')).toEqual({ fingerprint: 'f1', unreadable: false });
    expect(memory.size()).toBe(2);
  });

  it('keeps at most `perSource` keys of a document, the first ones', () => {
    const memory = createKnownEntriesMemory({ perSource: 3, total: 100 });
    memory.remember('feed-1', keys('e', 10));
    expect([...memory.of('feed-1').keys()]).toEqual(['e-0', 'e-1', 'e-2']);
  });

  it('forgets the least recently polled sources first past `total`, never the one just stored', () => {
    const memory = createKnownEntriesMemory({ perSource: 10, total: 10 });
    memory.remember('a', keys('a', 4));
    memory.remember('b', keys('b', 4));
    memory.remember('a', keys('a', 4)); // polled again: now the most recent
    memory.remember('c', keys('c', 4));
    expect(memory.of('b').size).toBe(0);
    expect(memory.of('a').size).toBe(4);
    expect(memory.of('c').size).toBe(4);
    expect(memory.size()).toBe(8);
    memory.remember('d', keys('d', 10));
    expect(memory.size()).toBe(10);
    expect(memory.of('d').size).toBe(10);
  });
});
