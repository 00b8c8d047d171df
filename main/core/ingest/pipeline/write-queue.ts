import type { NormalizedItem } from '../../../../shared/domain/item';
import type { ItemWriter } from '../../items/item-writer';
import type { Logger } from '../../log/rotating-log';

/** What the queue needs of the storage guard (faults/storage-guard.ts). */
export interface WriteFaults {
  /** True when the error is the disk refusing the write: the chunk is kept and tried again. */
  fault(error: unknown, where: string): boolean;
  onResumed(listener: () => void): () => void;
}

/** Items per write transaction: a few milliseconds of work with full-text indexing. */
export const writeChunkSize = 200;

interface PendingWrite {
  roomId: string;
  sourceId: string;
  items: readonly NormalizedItem[];
  offset: number;
  taken: number;
  onStored: (roomId: string, sourceId: string, ids: number[]) => void;
  resolve: (taken: number) => void;
}

/**
 * All writes go through one queue that stores one chunk per turn of the event loop, so
 * however many polls answer at once (a hundred feeds at start-up, a burst on a stream),
 * the main thread is never busy for more than one chunk at a time.
 */
export function createWriteQueue(writer: ItemWriter, now: () => number, faults?: WriteFaults, log?: Logger) {
  const queue: PendingWrite[] = [];
  let draining = false;
  let closed = false;
  // A full disk stops the queue where it is; what was fetched waits in memory and is written once space returns.
  let waitingForDisk = false;
  const stopWaiting = faults?.onResumed(() => {
    if (!waitingForDisk) return;
    waitingForDisk = false;
    setImmediate(drainOne);
  });

  const drainOne = () => {
    const write = queue[0];
    if (!write || closed) {
      draining = false;
      for (const pending of queue.splice(0)) pending.resolve(pending.taken);
      return;
    }
    const chunk = write.items.slice(write.offset, write.offset + writeChunkSize);
    let ids: number[];
    try {
      ids = writer.writeBatch(write.roomId, write.sourceId, chunk, now()).ids;
    } catch (error) {
      if (faults?.fault(error, 'items')) {
        waitingForDisk = true;
        return;
      }
      // Not the disk: this chunk cannot be stored; the rest of the queue must still be.
      log?.error('A chunk of items could not be stored', { sourceId: write.sourceId, error });
      ids = [];
    }
    if (ids.length > 0) write.onStored(write.roomId, write.sourceId, ids);
    write.taken += ids.length;
    write.offset += chunk.length;
    if (write.offset >= write.items.length) {
      queue.shift();
      write.resolve(write.taken);
    }
    setImmediate(drainOne);
  };

  return {
    /** Resolves with how many new items were stored (duplicates are not counted). */
    enqueue(
      roomId: string,
      sourceId: string,
      items: readonly NormalizedItem[],
      onStored: PendingWrite['onStored'],
    ): Promise<number> {
      if (items.length === 0 || closed) return Promise.resolve(0);
      return new Promise((resolve) => {
        queue.push({ roomId, sourceId, items, offset: 0, taken: 0, onStored, resolve });
        if (!draining) {
          draining = true;
          setImmediate(drainOne);
        }
      });
    },
    close() {
      closed = true;
      stopWaiting?.();
      if (waitingForDisk) {
        waitingForDisk = false;
        drainOne();
      }
    },
  };
}
export type WriteQueue = ReturnType<typeof createWriteQueue>;
