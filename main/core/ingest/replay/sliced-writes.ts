import type { NormalizedItem } from '../../../../shared/domain/item';
import type { ItemWriter } from '../../items/item-writer';

/**
 * Items per transaction on the main thread. A replay at 1,000 items/s hands over 100 items
 * every 100 ms; written at once (inserts, FTS by trigger, hashtag rows) that held the event
 * loop ~10 ms, which every teammate's socket and every call waited behind. A slice of this
 * size takes a couple of milliseconds, and the loop turns between slices.
 */
export const replaySliceSize = 20;

export interface SlicedWrite {
  roomId: string;
  sourceId: string;
  items: readonly NormalizedItem[];
  /** Runs once every item of the batch is stored, with the new rows' ids (oldest first). */
  done(ids: number[]): void;
}

/**
 * The replays' writes, in order, a slice per turn of the event loop (setImmediate lets
 * timers and sockets run between two slices). `cancel` drops a source's writes not done yet:
 * the replay's remembered position only moves in `done`, so a later start plays them again.
 */
export function createSlicedWriter(deps: {
  writer: ItemWriter;
  now: () => number;
  /**
   * A slice the store refused: the batch leaves the queue (its position not remembered) and
   * the next ones go on. `rest` is what of it was not stored, for a caller that keeps it to
   * write again later (a full disk); its `done` still reports the ids stored before.
   */
  onError: (error: unknown, rest: SlicedWrite) => void;
  sliceSize?: number;
}) {
  const sliceSize = deps.sliceSize ?? replaySliceSize;
  const queue: Array<SlicedWrite & { offset: number; ids: number[] }> = [];
  let scheduled: NodeJS.Immediate | null = null;

  const step = () => {
    scheduled = null;
    const write = queue[0];
    if (!write) return;
    const sliceStart = write.offset;
    try {
      const slice = write.items.slice(sliceStart, sliceStart + sliceSize);
      write.ids.push(...deps.writer.writeBatch(write.roomId, write.sourceId, slice, deps.now()).ids);
      write.offset += slice.length;
      if (write.offset >= write.items.length) {
        queue.shift();
        write.done(write.ids);
      }
    } catch (error) {
      if (queue[0] === write) queue.shift();
      const storedBefore = write.ids;
      deps.onError(error, {
        roomId: write.roomId,
        sourceId: write.sourceId,
        items: write.items.slice(sliceStart),
        done: (ids) => write.done([...storedBefore, ...ids]),
      });
    }
    if (queue.length > 0) scheduled = setImmediate(step);
  };

  return {
    write(request: SlicedWrite): void {
      queue.push({ ...request, offset: 0, ids: [] });
      scheduled ??= setImmediate(step);
    },
    /** Writes still waiting (for tests and close). */
    pending: () => queue.length,
    cancel(sourceId: string): void {
      const kept = queue.filter((write) => write.sourceId !== sourceId);
      queue.splice(0, queue.length, ...kept);
      if (queue.length === 0 && scheduled) {
        clearImmediate(scheduled);
        scheduled = null;
      }
    },
  };
}
