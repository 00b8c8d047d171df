import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';
import {
  ReconnectingSocket,
  defaultBackoff,
  defaultWebSocket,
  systemTimers,
  type BackoffPolicy,
  type StreamState,
  type StreamTimers,
  type WebSocketConstructor,
} from '../common/reconnecting-socket';
import { parseJsonFrame } from '../common/json-frame';
import { SeenIds } from '../common/seen-ids';
import { compilePostFilter, type PostFilter, type PostFilterSpec } from './post-filter';
import { PostRecord, normalizePostRecord } from './post-record';

export interface JetstreamBatch {
  items: NormalizedItem[];
  /** time_us up to which every event has been handled: persist it and pass it back as `cursor`. */
  cursor: number;
}

export interface JetstreamClientOptions extends PostFilterSpec {
  /** e.g. wss://jetstream2.us-east.bsky.network/subscribe */
  url: string;
  wantedDids?: readonly string[];
  /** A persisted cursor (time_us); null or absent starts at the live tail. */
  cursor?: number | null;
  onBatch(batch: JetstreamBatch): void;
  onStateChange?(state: StreamState): void;
  WebSocket?: WebSocketConstructor;
  timers?: StreamTimers;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Default 60 s; the client pings at half of it. */
  idleTimeoutMs?: number | null;
  /** Default 100 items or 250 ms, whichever comes first. */
  batchMaxItems?: number;
  batchMaxDelayMs?: number;
  /** How many recent posts are remembered to drop the replayed overlap. Default 20,000. */
  dedupeCapacity?: number;
}

/** Jetstream replays from the cursor; rewinding 5 s covers events in flight when the connection dropped. */
export const jetstreamRewindUs = 5_000_000;

const Envelope = z.object({
  did: z.string(),
  time_us: z.number().int(),
  kind: z.string(),
  commit: z
    .object({
      operation: z.string(),
      collection: z.string(),
      rkey: z.string(),
      record: z.unknown().optional(),
    })
    .optional(),
});

/**
 * Follows Bluesky posts through Jetstream, matching keywords/hashtags locally.
 * We never ask for `compress=true`: Jetstream's zstd frames need its custom dictionary,
 * which cannot be fetched from this environment, and plain JSON keeps the client simple.
 */
export class JetstreamClient {
  private readonly socket: ReconnectingSocket;
  private readonly filter: PostFilter;
  private readonly seen: SeenIds;
  private readonly timers: StreamTimers;
  private readonly batchMaxItems: number;
  private readonly batchMaxDelayMs: number;
  private pending: NormalizedItem[] = [];
  private flushTimer: unknown = null;
  /** time_us of the newest event read from the socket. */
  private lastTimeUs: number | null;
  /** time_us up to which items were handed over; what is safe to persist. */
  private deliveredTimeUs: number | null;

  constructor(private readonly options: JetstreamClientOptions) {
    this.filter = compilePostFilter(options);
    this.seen = new SeenIds(options.dedupeCapacity ?? 20_000);
    this.timers = options.timers ?? systemTimers;
    this.batchMaxItems = options.batchMaxItems ?? 100;
    this.batchMaxDelayMs = options.batchMaxDelayMs ?? 250;
    this.lastTimeUs = options.cursor ?? null;
    this.deliveredTimeUs = options.cursor ?? null;
    this.socket = new ReconnectingSocket({
      url: () => this.connectUrl(),
      WebSocket: options.WebSocket ?? defaultWebSocket,
      timers: this.timers,
      random: options.random ?? Math.random,
      backoff: options.backoff ?? defaultBackoff,
      idleTimeoutMs: options.idleTimeoutMs === undefined ? 60_000 : options.idleTimeoutMs,
      maxPayloadBytes: 4 * 1024 * 1024,
      onOpen: () => undefined,
      onText: (text) => this.handleEvent(text),
      onOutage: () => this.flush(),
      ...(options.onStateChange ? { onStateChange: options.onStateChange } : {}),
    });
  }

  get state(): StreamState {
    return this.socket.currentState;
  }

  /** The cursor to persist (time_us), or null before the first event. */
  getCursor(): number | null {
    return this.deliveredTimeUs;
  }

  start(): void {
    this.socket.start();
  }

  /** Stops and hands over what is pending, so the cursor and the items stay in step. */
  stop(): void {
    this.socket.stop();
    this.flush();
  }

  /** The URL for the next connection attempt; exported behaviour for tests and logs. */
  connectUrl(): string {
    const url = new URL(this.options.url);
    url.searchParams.set('wantedCollections', 'app.bsky.feed.post');
    for (const did of this.options.wantedDids ?? []) url.searchParams.append('wantedDids', did);
    if (this.lastTimeUs !== null)
      url.searchParams.set('cursor', String(Math.max(0, this.lastTimeUs - jetstreamRewindUs)));
    return url.toString();
  }

  private handleEvent(text: string): void {
    const envelope = parseJsonFrame(Envelope, text);
    if (!envelope) return;
    if (this.lastTimeUs === null || envelope.time_us > this.lastTimeUs) this.lastTimeUs = envelope.time_us;
    const commit = envelope.commit;
    if (envelope.kind === 'commit' && commit?.operation === 'create' && commit.collection === 'app.bsky.feed.post') {
      this.takePost(envelope.did, commit.rkey, envelope.time_us, commit.record);
    }
    if (this.pending.length === 0) this.deliveredTimeUs = this.lastTimeUs;
  }

  private takePost(did: string, rkey: string, timeUs: number, rawRecord: unknown): void {
    const record = PostRecord.safeParse(rawRecord);
    if (!record.success || !this.filter(record.data)) return;
    // Checked after the filter so the memory holds only posts we kept.
    if (!this.seen.addIfNew(`${did}/${rkey}`)) return;
    this.pending.push(
      normalizePostRecord(record.data, {
        did,
        rkey,
        receivedAt: Math.floor(timeUs / 1000),
        // Jetstream carries no handle; the DID is the stable name until a profile lookup replaces it.
        authorHandle: did,
        authorName: null,
      }),
    );
    if (this.pending.length >= this.batchMaxItems) this.flush();
    else if (this.flushTimer === null)
      this.flushTimer = this.timers.setTimeout(() => this.flush(), this.batchMaxDelayMs);
  }

  private flush(): void {
    if (this.flushTimer !== null) {
      this.timers.clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.lastTimeUs === null) return;
    this.deliveredTimeUs = this.lastTimeUs;
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    this.options.onBatch({ items, cursor: this.lastTimeUs });
  }
}
