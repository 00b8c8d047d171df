import type { NormalizedItem } from '../../../../shared/domain/item';
import type { RecordedItem, RecordedSource, Recording } from '../../recordings/recording';

/**
 * Plays a recording against the wall clock so a room can rehearse or demo a live event.
 *
 * Time: the player keeps an event-time cursor (`positionAt`, in the recording's clock) that
 * moves at `speed` × wall time while playing. An item is due when its original publishedAt
 * is at or before the cursor.
 *
 * Re-timestamping (decided here, documented in resources/demo/README.md): an emitted item's
 * `publishedAt` is the wall time at which the cursor reached it (never later than "now"), so
 * the live UI and the spike detector see fresh items in the order and rhythm of the event,
 * compressed by the speed. The event time stays on `originalPublishedAt`, and
 * `originalExtId` keeps the recording's id.
 *
 * Repeats: restarting, or seeking back over items already emitted, starts a new pass. Items of
 * pass n > 0 get `extId` "<original>~replay<n>" so the store (unique per source and extId)
 * takes them in again rather than dropping them as duplicates.
 *
 * Batching: items are handed over in batches, at most one batch per `minBatchIntervalMs`
 * (100 ms by default), however fast the speed, so a 60× replay pushes a few batches per
 * second to the window instead of one message per item.
 */
export const replaySpeeds = [1, 10, 60] as const;
export type ReplaySpeed = (typeof replaySpeeds)[number];
export const isReplaySpeed = (value: unknown): value is ReplaySpeed => replaySpeeds.some((speed) => speed === value);

export interface ReplayClock {
  now(): number;
  /** Runs `callback` once after about `delayMs`; returns a function that cancels it. */
  schedule(callback: () => void, delayMs: number): () => void;
}

export const systemReplayClock: ReplayClock = {
  now: () => Date.now(),
  schedule: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
};

export type ReplayStatus = 'idle' | 'playing' | 'paused' | 'ended';

export interface ReplayState {
  status: ReplayStatus;
  speed: ReplaySpeed;
  /** The event-time cursor, between startsAt and endsAt. */
  positionAt: number;
  startsAt: number;
  endsAt: number;
  /** 0..1 through the recording's time window. */
  progress: number;
  /** Items emitted in the current pass (or skipped by a seek forward). */
  playedCount: number;
  totalCount: number;
  /** 0 for the first play-through, +1 on each restart or seek back over emitted items. */
  pass: number;
}

export interface ReplayedItem extends NormalizedItem {
  source: RecordedSource;
  originalPublishedAt: number;
  originalExtId: string;
}

export interface ReplayPlayerOptions {
  recording: Recording;
  clock: ReplayClock;
  onBatch: (items: ReplayedItem[], state: ReplayState) => void;
  /** Called on every change of status, speed or position jump (not on every batch). */
  onState?: (state: ReplayState) => void;
  speed?: ReplaySpeed;
  minBatchIntervalMs?: number;
}

const MAX_EXT_ID_LENGTH = 2048;

export class ReplayPlayer {
  private readonly items: readonly RecordedItem[];
  private readonly startsAt: number;
  private readonly endsAt: number;
  private readonly clock: ReplayClock;
  private readonly onBatch: ReplayPlayerOptions['onBatch'];
  private readonly onState: ReplayPlayerOptions['onState'];
  private readonly minBatchIntervalMs: number;

  private status: ReplayStatus = 'idle';
  private speed: ReplaySpeed;
  /** The cursor is anchorEvent + (now - anchorWall) × speed while playing, anchorEvent otherwise. */
  private anchorEvent: number;
  private anchorWall = 0;
  private nextIndex = 0;
  private pass = 0;
  private lastBatchWall = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | null = null;
  private disposed = false;

  constructor(options: ReplayPlayerOptions) {
    const { header, items } = options.recording;
    for (let i = 1; i < items.length; i++) {
      const previous = items[i - 1];
      const current = items[i];
      if (previous !== undefined && current !== undefined && current.publishedAt < previous.publishedAt) {
        throw new Error(`ReplayPlayer needs items sorted by publishedAt (item ${i} is out of order)`);
      }
    }
    this.items = items;
    this.startsAt = header.startsAt;
    this.endsAt = Math.max(header.endsAt, items.at(-1)?.publishedAt ?? header.endsAt);
    this.clock = options.clock;
    this.onBatch = options.onBatch;
    this.onState = options.onState;
    this.speed = options.speed ?? 1;
    this.minBatchIntervalMs = options.minBatchIntervalMs ?? 100;
    this.anchorEvent = this.startsAt;
  }

  /** Starts from the cursor (the start, unless seeked) or resumes after a pause. */
  play(): void {
    if (this.disposed || (this.status !== 'idle' && this.status !== 'paused')) return;
    this.anchorWall = this.clock.now();
    this.status = 'playing';
    this.scheduleTick();
    this.notifyState();
  }

  pause(): void {
    if (this.disposed || this.status !== 'playing') return;
    this.anchorEvent = this.positionAt();
    this.status = 'paused';
    this.cancelTick();
    this.notifyState();
  }

  resume(): void {
    if (this.status === 'paused') this.play();
  }

  /** Back to the start of the recording, playing, as a new pass. */
  restart(): void {
    if (this.disposed) return;
    this.pass++;
    this.nextIndex = 0;
    this.anchorEvent = this.startsAt;
    this.anchorWall = this.clock.now();
    this.status = 'playing';
    this.scheduleTick();
    this.notifyState();
  }

  setSpeed(speed: ReplaySpeed): void {
    if (this.disposed || speed === this.speed) return;
    if (this.status === 'playing') {
      this.anchorEvent = this.positionAt();
      this.anchorWall = this.clock.now();
    }
    this.speed = speed;
    if (this.status === 'playing') this.scheduleTick();
    this.notifyState();
  }

  /**
   * Moves the cursor to an event time (clamped to the recording). Items before it are not
   * emitted; items at or after it play from there. Keeps playing or paused as it was; an
   * ended replay becomes paused.
   */
  seek(eventAt: number): void {
    if (this.disposed) return;
    const target = Math.min(this.endsAt, Math.max(this.startsAt, Math.round(eventAt)));
    const index = this.firstIndexAtOrAfter(target);
    if (index < this.nextIndex) this.pass++;
    this.nextIndex = index;
    this.anchorEvent = target;
    this.anchorWall = this.clock.now();
    if (this.status === 'ended') this.status = 'paused';
    if (this.status === 'playing') this.scheduleTick();
    this.notifyState();
  }

  state(): ReplayState {
    const positionAt = this.positionAt();
    const span = this.endsAt - this.startsAt;
    return {
      status: this.status,
      speed: this.speed,
      positionAt,
      startsAt: this.startsAt,
      endsAt: this.endsAt,
      progress: span === 0 ? (this.status === 'ended' ? 1 : 0) : (positionAt - this.startsAt) / span,
      playedCount: this.nextIndex,
      totalCount: this.items.length,
      pass: this.pass,
    };
  }

  dispose(): void {
    this.cancelTick();
    this.disposed = true;
  }

  private positionAt(): number {
    if (this.status !== 'playing') return this.anchorEvent;
    const elapsed = Math.max(0, this.clock.now() - this.anchorWall);
    return Math.min(this.endsAt, this.anchorEvent + elapsed * this.speed);
  }

  private tick(): void {
    this.cancelTimer = null;
    if (this.disposed || this.status !== 'playing') return;
    const now = this.clock.now();
    const position = this.positionAt();
    const batch: ReplayedItem[] = [];
    while (this.nextIndex < this.items.length) {
      const item = this.items[this.nextIndex];
      if (item === undefined || item.publishedAt > position) break;
      batch.push(this.replayed(item, now));
      this.nextIndex++;
    }
    if (batch.length > 0) this.lastBatchWall = now;
    if (this.nextIndex >= this.items.length && position >= this.endsAt) {
      this.anchorEvent = this.endsAt;
      this.status = 'ended';
    } else {
      this.scheduleTick();
    }
    // State is settled before handing over, so a callback may pause or seek safely.
    if (batch.length > 0) this.onBatch(batch, this.state());
    if (this.status === 'ended') this.notifyState();
  }

  private replayed(item: RecordedItem, now: number): ReplayedItem {
    const wallAt = this.anchorWall + (item.publishedAt - this.anchorEvent) / this.speed;
    const suffix = this.pass === 0 ? '' : `~replay${this.pass}`;
    return {
      ...item,
      extId: item.extId.slice(0, MAX_EXT_ID_LENGTH - suffix.length) + suffix,
      publishedAt: Math.min(now, Math.round(wallAt)),
      originalPublishedAt: item.publishedAt,
      originalExtId: item.extId,
    };
  }

  private scheduleTick(): void {
    this.cancelTick();
    const now = this.clock.now();
    const position = this.positionAt();
    const nextItem = this.items[this.nextIndex];
    const target = nextItem === undefined ? this.endsAt : nextItem.publishedAt;
    const untilDue = Math.ceil(Math.max(0, target - position) / this.speed);
    // Reaching the end hands over nothing, so it need not wait out the batch interval.
    const untilBatchAllowed = nextItem === undefined ? 0 : this.lastBatchWall + this.minBatchIntervalMs - now;
    const delay = Math.max(0, untilDue, untilBatchAllowed);
    this.cancelTimer = this.clock.schedule(() => this.tick(), delay);
  }

  private cancelTick(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private notifyState(): void {
    this.onState?.(this.state());
  }

  private firstIndexAtOrAfter(eventAt: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const item = this.items[middle];
      if (item !== undefined && item.publishedAt < eventAt) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
