import type { MessagePort } from 'node:worker_threads';
import type { NormalizedItem } from '../../../../shared/domain/item';

/**
 * What crosses to and from the item writer thread. Write requests come from the ingest
 * worker over its own MessagePort (item pages never pass through the main thread), and from
 * main over another (replays, which play on main but must not store there); main also starts
 * and closes the writer.
 */

export interface WriterSettings {
  dataDir: string;
  /** The ingest worker's channel: write requests in, stored ids out. */
  port: MessagePort;
  /** Main's channel, the same requests and replies (replay batches). */
  mainPort: MessagePort;
  /** Shared with main: see write-turns.ts. */
  turns: Int32Array;
}

export interface WriteRequest {
  requestId: number;
  roomId: string;
  sourceId: string;
  items: NormalizedItem[];
}

export type WriteReply =
  { requestId: number; ok: true; ids: number[] } | { requestId: number; ok: false; message: string };

export type ToWriter = { type: 'close' };
