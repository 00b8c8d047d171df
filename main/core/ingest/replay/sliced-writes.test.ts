import { describe, expect, it } from 'vitest';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { ItemWriter } from '../../items/item-writer';
import { createSlicedWriter } from './sliced-writes';

const item = (n: number): NormalizedItem => ({
  extId: `e${n}`,
  url: null,
  authorHandle: null,
  authorName: null,
  text: `item ${n}`,
  html: null,
  language: null,
  publishedAt: n,
  engagement: {},
  mediaUrls: [],
});

/** A writer that records each transaction's size and gives ids in order. */
function recordingWriter(fail?: (call: number) => boolean) {
  const transactions: number[] = [];
  let nextId = 1;
  let calls = 0;
  const writer: ItemWriter = {
    writeBatch: (_room, _source, items) => {
      if (fail?.(calls++)) throw new Error('disk full');
      transactions.push(items.length);
      return { inserted: items.length, ids: items.map(() => nextId++) };
    },
  };
  return { writer, transactions };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a replay batch stored on the main thread', () => {
  it('goes in slices, one per turn of the event loop, so other work runs between two of them', async () => {
    const { writer, transactions } = recordingWriter();
    const log: string[] = [];
    const logged: ItemWriter = {
      writeBatch: (...args) => {
        log.push('slice');
        return writer.writeBatch(...args);
      },
    };
    const writes = createSlicedWriter({ writer: logged, now: () => 0, onError: () => {}, sliceSize: 20 });
    const done: number[][] = [];
    writes.write({
      roomId: 'r',
      sourceId: 's',
      items: Array.from({ length: 100 }, (_, n) => item(n)),
      done: (ids) => done.push(ids),
    });
    // Other work, once per turn of the loop, as a socket or a call would be.
    while (writes.pending() > 0) {
      log.push('other');
      await turn();
    }
    expect(transactions).toEqual([20, 20, 20, 20, 20]);
    expect(done).toEqual([Array.from({ length: 100 }, (_, n) => n + 1)]);
    // Never two slices in a row: every slice had its own turn.
    expect(log.join(' ')).not.toContain('slice slice');
    expect(log.filter((entry) => entry === 'slice')).toHaveLength(5);
  });

  it('keeps batches in order, drops a stopped source’s, and goes on after a failing one', async () => {
    const { writer, transactions } = recordingWriter((call) => call === 1);
    const failed: string[] = [];
    const writes = createSlicedWriter({
      writer,
      now: () => 0,
      onError: (_e, rest) => failed.push(rest.sourceId),
      sliceSize: 2,
    });
    const order: string[] = [];
    const batch = (sourceId: string, count: number) => ({
      roomId: 'r',
      sourceId,
      items: Array.from({ length: count }, (_, n) => item(n)),
      done: () => order.push(sourceId),
    });
    writes.write(batch('a', 2));
    writes.write(batch('b', 2));
    writes.write(batch('c', 2));
    writes.write(batch('gone', 2));
    writes.cancel('gone');
    while (writes.pending() > 0) await turn();
    expect(order).toEqual(['a', 'c']);
    expect(failed).toEqual(['b']);
    expect(transactions).toEqual([2, 2]);
  });
});
