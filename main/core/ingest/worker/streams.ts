import type { NormalizedItem } from '../../../../shared/domain/item';
import { JetstreamClient } from '../../networks/bluesky/jetstream-client';
import { MastodonStream } from '../../networks/mastodon/stream';
import { systemTimers, type StreamState, type StreamTimers } from '../../networks/common/reconnecting-socket';
import type { StreamEvent, StreamJob } from './protocol';
import { said, type SaidProblem } from '../../../../shared/sources/health-problem';

export interface StreamsOptions {
  emit(event: StreamEvent): void;
  timers?: StreamTimers;
  /** Mastodon delivers posts one by one; they are handed over in batches at most this often. Default 250 ms. */
  batchDelayMs?: number;
  /** Test hooks: backoff and idle timeout of the sockets. */
  backoff?: { initialMs: number; maxMs: number };
}

interface RunningStream {
  /** Stops the socket and hands over what is pending. */
  stop(): void;
}

/** The worker's live streams (Jetstream, Mastodon streaming), one per source. */
export class Streams {
  private readonly running = new Map<string, RunningStream>();
  private readonly timers: StreamTimers;

  constructor(private readonly options: StreamsOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  start(job: StreamJob): void {
    this.stop(job.sourceId);
    const stream = this.create(job);
    if (stream) this.running.set(job.sourceId, stream);
  }

  stop(sourceId: string): void {
    const stream = this.running.get(sourceId);
    if (!stream) return;
    this.running.delete(sourceId);
    stream.stop();
  }

  stopAll(): void {
    for (const sourceId of [...this.running.keys()]) this.stop(sourceId);
  }

  private create(job: StreamJob): RunningStream | null {
    const { config, sourceId } = job;
    const health: ReportHealth = (state, why) =>
      this.options.emit({ type: 'health', sourceId, state, ...(why ?? { message: null }) });
    switch (config.kind) {
      case 'bluesky': {
        if (config.mode !== 'jetstream') {
          health('error', said('blueskySearchNotStreamed'));
          return null;
        }
        const cursor = job.cursor !== null && /^\d+$/.test(job.cursor) ? Number(job.cursor) : null;
        const client = new JetstreamClient({
          url: toWebSocketUrl(config.jetstreamUrl),
          keywords: config.keywords,
          hashtags: config.hashtags,
          wantedDids: config.dids,
          cursor,
          timers: this.timers,
          ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
          onBatch: (batch) =>
            this.options.emit({ type: 'items', sourceId, items: batch.items, cursor: String(batch.cursor) }),
          onStateChange: (state) => reportState(state, 'jetstreamLost', health),
        });
        client.start();
        return client;
      }
      case 'mastodon':
        return this.startMastodon(job, config.instance, config.tag, health);
    }
  }

  private startMastodon(job: StreamJob, instance: string, tag: string, health: ReportHealth): RunningStream {
    const { sourceId } = job;
    let pending: NormalizedItem[] = [];
    let flushTimer: unknown = null;
    const flush = () => {
      if (flushTimer !== null) this.timers.clearTimeout(flushTimer);
      flushTimer = null;
      if (pending.length === 0) return;
      const items = pending;
      pending = [];
      this.options.emit({ type: 'items', sourceId, items, cursor: stream.cursors()[0]?.minId ?? null });
    };
    const stream = new MastodonStream({
      instance,
      tags: [tag],
      ...(job.credential ? { accessToken: job.credential } : {}),
      ...(job.cursor ? { initialMinIds: { [tag]: job.cursor } } : {}),
      timers: this.timers,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      onItems: (_tag, items) => {
        pending.push(...items);
        if (pending.length >= 100) flush();
        else if (flushTimer === null) flushTimer = this.timers.setTimeout(flush, this.options.batchDelayMs ?? 250);
      },
      onFallbackToPolling: ({ tags }) => {
        flush();
        this.options.emit({ type: 'fallback_to_polling', sourceId, minId: tags[0]?.minId ?? null });
      },
      onStateChange: (state) => reportState(state, 'mastodonStreamLost', health),
    });
    stream.start();
    return {
      stop: () => {
        stream.stop();
        flush();
      },
    };
  }
}

/** A stream's state for its health line; `why` is null when all is well. */
type ReportHealth = (state: 'ok' | 'offline' | 'error', why: SaidProblem | null) => void;

function reportState(state: StreamState, lost: 'jetstreamLost' | 'mastodonStreamLost', health: ReportHealth): void {
  switch (state) {
    case 'open':
      health('ok', null);
      return;
    case 'waiting_to_reconnect':
      health('offline', said(lost));
      return;
    case 'idle':
    case 'connecting':
    case 'stopped':
      return;
  }
}

/** The config accepts an http(s) address for Jetstream too; the socket needs ws(s). */
function toWebSocketUrl(address: string): string {
  if (address.startsWith('https://')) return `wss://${address.slice('https://'.length)}`;
  if (address.startsWith('http://')) return `ws://${address.slice('http://'.length)}`;
  return address;
}
