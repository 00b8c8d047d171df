import type { EventHub } from '../../events/event-hub';

/**
 * New items reach the renderers as batches: at most one `items.added` per room every
 * `intervalMs`, however many items arrived meanwhile.
 */
export function createItemsNotifier(events: EventHub, intervalMs = 250) {
  const pending = new Map<string, { count: number; newestId: number; sourceIds: Set<string> }>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    for (const [roomId, batch] of pending) {
      events.emit('items.added', {
        roomId,
        count: batch.count,
        newestId: batch.newestId,
        sourceIds: [...batch.sourceIds],
      });
    }
    pending.clear();
  };

  return {
    added(roomId: string, sourceId: string, ids: readonly number[]) {
      const newest = ids.at(-1);
      if (newest === undefined) return;
      const batch = pending.get(roomId) ?? { count: 0, newestId: 0, sourceIds: new Set<string>() };
      batch.count += ids.length;
      batch.newestId = Math.max(batch.newestId, newest);
      batch.sourceIds.add(sourceId);
      pending.set(roomId, batch);
      timer ??= setTimeout(flush, intervalMs);
    },
    close() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}
