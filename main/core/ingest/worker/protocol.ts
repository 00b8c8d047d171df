import type { HealthProblem } from '../../../../shared/sources/health-problem';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { HealthNotice, SourceConfig, SourceConfigOf } from '../../../../shared/sources/source';
import type { MessagePort } from 'node:worker_threads';
import type { FetchFailureKind } from '../../net/types';

/**
 * What crosses between the main thread and the ingest worker. Everything here is plain data
 * (structured-clone friendly): no classes, functions, Errors or AbortSignals.
 */

/** Kinds read by polling; replay is played by the core, never fetched. */
export type PolledConfig = Exclude<SourceConfig, { kind: 'replay' }>;

export interface PollState {
  etag: string | null;
  lastModified: string | null;
  /**
   * Opaque per kind: feed → unused (null); mastodon → min_id (newest status id taken in);
   * reddit → newest fullname taken in (t3_…); bluesky search → JSON {since, ids}.
   */
  cursor: string | null;
}

export interface PollJob {
  sourceId: string;
  /** Where the items are stored when the worker has a writer thread. */
  roomId: string;
  config: PolledConfig;
  state: PollState;
  /** Mastodon access token or Bluesky app password; never logged, never sent back. */
  credential: string | null;
}

/** `too_slow`: reading the body kept the worker busy past its deadline; the watchdog replaced the worker. */
export type PollFailureKind = FetchFailureKind | 'malformed' | 'auth' | 'invalid_input' | 'too_slow';

export type PollResult =
  | { kind: 'ok'; notices?: HealthNotice[] }
  | { kind: 'not_modified' }
  | { kind: 'failed'; failure: PollFailureKind; message: string; problem?: HealthProblem };

export interface PollOutcome {
  sourceId: string;
  /**
   * Normalized and sanitized; may overlap earlier polls (the store dedupes on source + extId).
   * Empty when the writer thread stored them: `storedIds` says what was new.
   */
  items: NormalizedItem[];
  /** Ids of the rows the writer thread inserted (duplicates left out), oldest first. */
  storedIds?: number[];
  /** Feed entries left out unread: stored by an earlier poll and unchanged since. */
  skipped?: number;
  /** Persist as given: validators and cursor are unchanged on failure. */
  state: PollState;
  result: PollResult;
  /** The server asked us to wait this long (429 / 503 Retry-After / Reddit's used-up window). */
  retryAfterMs: number | null;
  /** Cache-Control max-age (capped at 5 h): do not poll sooner. */
  maxAgeMs: number | null;
  /** More new posts are waiting than one poll reads: poll again soon. */
  hasMore: boolean;
}

export type StreamConfig = SourceConfigOf<'bluesky'> | SourceConfigOf<'mastodon'>;

export interface StreamJob {
  sourceId: string;
  roomId: string;
  /** Bluesky with mode 'jetstream', or a Mastodon hashtag (streaming needs the access token on most instances). */
  config: StreamConfig;
  /** Jetstream: time_us as a decimal string; Mastodon: newest status id taken in. */
  cursor: string | null;
  credential: string | null;
}

export type StreamHealthState = 'ok' | 'offline' | 'error';

export type StreamEvent =
  /** With a writer thread, `items` is empty and `storedIds` lists the new rows. */
  | { type: 'items'; sourceId: string; items: NormalizedItem[]; storedIds?: number[]; cursor: string | null }
  | { type: 'health'; sourceId: string; state: StreamHealthState; message: string | null; problem?: HealthProblem }
  /** Mastodon's stream is down: poll the tag from minId (pollSource, cursor = minId) until health is 'ok' again. */
  | { type: 'fallback_to_polling'; sourceId: string; minId: string | null };

export interface WorkerSettings {
  userAgent: string;
  /** Tests and e2e fixtures point Reddit at a local server; default https://www.reddit.com. */
  redditBaseUrl?: string;
  /** The writer thread's end of the channel: items are stored there instead of sent back. */
  writerPort?: MessagePort;
  /** How often the worker says it is alive, so main can tell a stuck worker from a busy network. */
  heartbeatMs?: number;
  /** Whether a feed address the person typed may be private (team mode refuses unless the lead allows). */
  allowTypedPrivate?: boolean;
  /** Items per message to the writer thread (default 5,000; tests make it small). */
  writeSliceItems?: number;
}

export type ToWorker =
  | { type: 'poll'; requestId: number; job: PollJob }
  | { type: 'start_stream'; job: StreamJob }
  | { type: 'stop_stream'; sourceId: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'poll_done'; requestId: number; outcome: PollOutcome }
  | { type: 'poll_error'; requestId: number; message: string }
  | { type: 'stream_event'; event: StreamEvent }
  /** Sent after a stopped stream handed over its last batch: no event for it follows. */
  | { type: 'stream_stopped'; sourceId: string }
  /** The event loop turned: sent every `heartbeatMs`. */
  | { type: 'alive' }
  /** This poll's body is being read now (null: no longer); a stuck worker is blamed on it. */
  | { type: 'reading'; requestId: number | null }
  | { type: 'closed' };
