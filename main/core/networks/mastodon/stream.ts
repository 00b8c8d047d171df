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
import { MastodonStatus, compareStatusIds, instanceOrigin, normalizeMastodonStatus, normalizeTag } from './status';
import { defaultSanitize, type SanitizeWithText } from '../../sanitize/sanitizer';

export interface TagCursor {
  tag: string;
  /** Highest status id taken in for this tag, from the stream or from polls; null when none yet. */
  minId: string | null;
}

export interface MastodonStreamOptions {
  instance: string;
  accessToken?: string;
  tags: readonly string[];
  /** Defaults to the app's sanitize-html allow-list. */
  sanitize?: SanitizeWithText;
  /** Last ids already stored per tag, so a fallback poll starts at the right place. */
  initialMinIds?: Readonly<Record<string, string>>;
  /** Instances may stream from another host (`configuration.urls.streaming` in /api/v2/instance). */
  streamingUrl?: string;
  onItems(tag: string, items: NormalizedItem[]): void;
  /** The stream is down: poll each tag from its minId (REST, min_id) until `onResumed`. */
  onFallbackToPolling(signal: { reason: string; tags: TagCursor[] }): void;
  /** The stream is back: poll once more from these ids to fill the gap, then stop polling. */
  onResumed?(tags: TagCursor[]): void;
  onStateChange?(state: StreamState): void;
  WebSocket?: WebSocketConstructor;
  timers?: StreamTimers;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Default 90 s; the client pings at half of it, so a silent tag does not look dead. */
  idleTimeoutMs?: number | null;
  dedupeCapacity?: number;
}

const StreamMessage = z.object({
  stream: z.array(z.string()).optional(),
  event: z.string(),
  payload: z.unknown().optional(),
});

/**
 * One multiplexed streaming connection per instance, subscribed to several hashtags.
 * Items from the stream and from gap-filling polls go through `acceptPolled`/the stream's
 * own path, which share one seen-set, so the overlap around a drop is taken in once.
 */
export class MastodonStream {
  private readonly tags = new Set<string>();
  private readonly minIds = new Map<string, string>();
  private readonly seen: SeenIds;
  private readonly socket: ReconnectingSocket;
  private readonly instanceHost: string;
  private hasBeenOpen = false;

  constructor(private readonly options: MastodonStreamOptions) {
    this.instanceHost = instanceOrigin(options.instance).host;
    this.seen = new SeenIds(options.dedupeCapacity ?? 10_000);
    for (const tag of options.tags) this.tags.add(normalizeTag(tag));
    for (const [tag, id] of Object.entries(options.initialMinIds ?? {})) this.minIds.set(normalizeTag(tag), id);
    this.socket = new ReconnectingSocket({
      url: () => this.streamingUrl(),
      WebSocket: options.WebSocket ?? defaultWebSocket,
      timers: options.timers ?? systemTimers,
      random: options.random ?? Math.random,
      backoff: options.backoff ?? defaultBackoff,
      idleTimeoutMs: options.idleTimeoutMs === undefined ? 90_000 : options.idleTimeoutMs,
      maxPayloadBytes: 4 * 1024 * 1024,
      onOpen: (send) => {
        for (const tag of this.tags) send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag }));
        if (this.hasBeenOpen) this.options.onResumed?.(this.cursors());
        this.hasBeenOpen = true;
      },
      onText: (text) => this.handleMessage(text),
      onOutage: (reason) => this.options.onFallbackToPolling({ reason, tags: this.cursors() }),
      ...(options.onStateChange ? { onStateChange: options.onStateChange } : {}),
    });
  }

  get state(): StreamState {
    return this.socket.currentState;
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  subscribe(tag: string): void {
    const normalized = normalizeTag(tag);
    if (this.tags.has(normalized)) return;
    this.tags.add(normalized);
    this.socket.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag: normalized }));
  }

  unsubscribe(tag: string): void {
    const normalized = normalizeTag(tag);
    if (!this.tags.delete(normalized)) return;
    this.socket.send(JSON.stringify({ type: 'unsubscribe', stream: 'hashtag', tag: normalized }));
  }

  cursors(): TagCursor[] {
    return [...this.tags].map((tag) => ({ tag, minId: this.minIds.get(tag) ?? null }));
  }

  /** Drops items of this tag already taken in (from the stream or an earlier poll) and remembers the rest. */
  acceptPolled(tag: string, items: readonly NormalizedItem[]): NormalizedItem[] {
    const normalized = normalizeTag(tag);
    return items.filter((item) => this.accept(normalized, item.extId));
  }

  private accept(tag: string, statusId: string): boolean {
    if (!this.seen.addIfNew(`${tag}\u0000${statusId}`)) return false;
    const current = this.minIds.get(tag);
    if (current === undefined || compareStatusIds(statusId, current) > 0) this.minIds.set(tag, statusId);
    return true;
  }

  private streamingUrl(): string {
    const base = this.options.streamingUrl
      ? new URL(this.options.streamingUrl)
      : new URL('/api/v1/streaming', instanceOrigin(this.options.instance));
    if (base.protocol === 'https:') base.protocol = 'wss:';
    if (base.protocol === 'http:') base.protocol = 'ws:';
    if (!base.pathname.endsWith('/api/v1/streaming'))
      base.pathname = `${base.pathname.replace(/\/$/, '')}/api/v1/streaming`;
    if (this.options.accessToken) base.searchParams.set('access_token', this.options.accessToken);
    return base.toString();
  }

  private handleMessage(text: string): void {
    // A garbled frame is dropped; the gap poll after a reconnect covers real loss.
    const message = parseJsonFrame(StreamMessage, text);
    if (!message) return;
    if (message.event !== 'update') return;
    const [kind, streamTag] = message.stream ?? [];
    if (kind !== 'hashtag' || streamTag === undefined) return;
    const tag = normalizeTag(streamTag);
    if (!this.tags.has(tag) || typeof message.payload !== 'string') return;
    const status = parseJsonFrame(MastodonStatus, message.payload);
    if (!status) return;
    const item = normalizeMastodonStatus(status, {
      instanceHost: this.instanceHost,
      sanitize: this.options.sanitize ?? defaultSanitize,
    });
    if (item && this.accept(tag, item.extId)) this.options.onItems(tag, [item]);
  }
}
