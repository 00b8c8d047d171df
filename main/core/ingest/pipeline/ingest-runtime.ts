import type { HealthProblem } from '../../../../shared/sources/health-problem';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { HealthNotice, SourceConfig } from '../../../../shared/sources/source';
import type { FetchFailureKind } from '../../net/types';
import type { PollerMemory } from './source-records';

/**
 * What the scheduler needs from the ingest worker: polls and streams run there (fetch,
 * parse, sanitize), off the main event loop. Either normalized items come back for the
 * scheduler to store, or (with the writer thread) only the ids of the rows already stored.
 */
export interface PollJob {
  sourceId: string;
  roomId: string;
  config: Exclude<SourceConfig, { kind: 'replay' }>;
  state: PollerMemory;
  credential: string | null;
}

export type PollFailure = FetchFailureKind | 'malformed' | 'auth' | 'invalid_input' | 'too_slow';

export interface PollOutcome {
  sourceId: string;
  items: NormalizedItem[];
  /** The runtime stored the items itself (writer thread): these rows are new, `items` is empty. */
  storedIds?: number[];
  state: PollerMemory;
  result:
    | { kind: 'ok'; notices?: HealthNotice[] }
    | { kind: 'not_modified' }
    | { kind: 'failed'; failure: PollFailure; message: string; problem?: HealthProblem };
  retryAfterMs: number | null;
  maxAgeMs: number | null;
  /** A full page came back: poll again soon to catch up. */
  hasMore: boolean;
}

export interface StreamJob {
  sourceId: string;
  roomId: string;
  config: Extract<SourceConfig, { kind: 'bluesky' | 'mastodon' }>;
  cursor: string | null;
  credential: string | null;
}

export type StreamEvent =
  | { type: 'items'; sourceId: string; items: NormalizedItem[]; storedIds?: number[]; cursor: string | null }
  | {
      type: 'health';
      sourceId: string;
      state: 'ok' | 'offline' | 'error';
      message: string | null;
      problem?: HealthProblem;
    }
  | { type: 'fallback_to_polling'; sourceId: string; minId: string | null };

export interface IngestRuntime {
  poll(job: PollJob): Promise<PollOutcome>;
  startStream(job: StreamJob, onEvent: (event: StreamEvent) => void): void;
  stopStream(sourceId: string): void;
  /**
   * When the runtime writes to the database from another thread: runs a main-thread write
   * between two of its transactions, so main never blocks waiting for the SQLite lock.
   */
  withWriteTurn?<T>(write: () => T): Promise<T>;
  /**
   * When the runtime has a writer thread: stores items there (replays play on main but must
   * not hold its event loop with inserts, FTS and checkpoints). Rejects while it restarts.
   */
  storeItems?: ((roomId: string, sourceId: string, items: NormalizedItem[]) => Promise<number[]>) | null;
  close(): Promise<void>;
}
