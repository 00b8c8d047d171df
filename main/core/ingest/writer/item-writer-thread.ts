import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase } from '../../db/open-database';
import { createMemoryReturn } from '../../faults/return-memory';
import { createItemWriter } from '../../items/item-writer';
import { endWriterTurn, takeWriterTurn } from './write-turns';
import type { ToWriter, WriteReply, WriteRequest, WriterSettings } from './protocol';

/**
 * The item writer thread: every item insert (dedupe, canonical-URL duplicates, FTS by trigger)
 * runs here on its own connection, so FTS merges and WAL checkpoints never stall the main
 * event loop. Built as out/main/item-writer.js; run from source with tsx.
 */
/** Items per transaction: short enough that a main-thread write waiting for the lock waits a few ms. */
const writerChunkSize = 200;

const control = parentPort;
if (!control) throw new Error('item-writer-thread must run in a worker thread');
const { dataDir, port, mainPort, turns } = workerData as WriterSettings;
// Main applied the migrations before starting this thread; here they are a no-op.
const db = openDatabase(dataDir);
const writer = createItemWriter(db);
/** Each request with the channel it came by, where its reply goes; one queue keeps them in order. */
const queue: Array<{ request: WriteRequest; from: MessagePort }> = [];
let draining = false;
let closing = false;
// After a huge feed, the cloned items' garbage is given back once writes are quiet (see return-memory.ts).
const memory = createMemoryReturn({
  minItems: 20_000,
  heapBytes: 192 * 1024 * 1024,
  idleMs: 1_000,
  busy: () => draining,
});

for (const from of [port, mainPort]) {
  from.on('message', (request: WriteRequest) => {
    queue.push({ request, from });
    if (!draining) void drain();
  });
}

control.on('message', (message: ToWriter) => {
  switch (message.type) {
    case 'close':
      closing = true;
      if (!draining) finish();
      return;
  }
});

async function drain(): Promise<void> {
  draining = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    next.from.postMessage(await write(next.request));
    memory.workDone(next.request.items.length);
  }
  draining = false;
  if (closing) finish();
}

async function write(request: WriteRequest): Promise<WriteReply> {
  const ids: number[] = [];
  try {
    for (let offset = 0; offset < request.items.length; offset += writerChunkSize) {
      const chunk = request.items.slice(offset, offset + writerChunkSize);
      takeWriterTurn(turns);
      try {
        ids.push(...writer.writeBatch(request.roomId, request.sourceId, chunk, Date.now()).ids);
      } finally {
        endWriterTurn(turns);
      }
      // Between transactions the lock is free: let a waiting main-thread write (and `close`) in.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { requestId: request.requestId, ok: true, ids };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      requestId: request.requestId,
      ok: false,
      message: `The item writer could not store these items: ${detail}`,
    };
  }
}

function finish(): void {
  memory.close();
  db.close();
  port.close();
  mainPort.close();
  control?.close();
}
