import type { MessagePort } from 'node:worker_threads';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { WriteReply, WriteRequest } from './protocol';

export interface WriterLink {
  /** Stores the items in the writer thread; resolves with the ids of the new rows, oldest first. */
  write(roomId: string, sourceId: string, items: NormalizedItem[]): Promise<number[]>;
}

/** The ingest worker's side of its channel to the writer thread: requests answered by id. */
export function createWriterLink(port: MessagePort): WriterLink {
  const pending = new Map<number, { resolve(ids: number[]): void; reject(error: Error): void }>();
  let nextRequestId = 1;
  let gone: Error | null = null;

  port.on('message', (reply: WriteReply) => {
    const waiting = pending.get(reply.requestId);
    if (!waiting) return;
    pending.delete(reply.requestId);
    if (reply.ok) waiting.resolve(reply.ids);
    else waiting.reject(new Error(reply.message));
  });
  // The writer thread ended (crash or close): nothing pending will be answered.
  port.on('close', () => {
    gone = new Error('The item writer thread stopped; these items were not stored');
    for (const waiting of pending.values()) waiting.reject(gone);
    pending.clear();
  });

  return {
    write(roomId, sourceId, items) {
      if (items.length === 0) return Promise.resolve([]);
      if (gone) return Promise.reject(gone);
      const requestId = nextRequestId++;
      return new Promise((resolve, reject) => {
        pending.set(requestId, { resolve, reject });
        port.postMessage({ requestId, roomId, sourceId, items } satisfies WriteRequest);
      });
    },
  };
}
