import type { NormalizedItem } from '../../../../shared/domain/item';
import type { Logger } from '../../log/rotating-log';
import type { SecretStore } from '../../secrets/secret-store';
import type { SourceRecord, SourceRecords } from './source-records';
import type { IngestRuntime, PollJob, StreamEvent } from './ingest-runtime';
import type { ItemWriter } from '../../items/item-writer';
import { isStreamed } from './poll-intervals';
import { healthAfterPoll } from './source-health';
import { createWriteQueue, type WriteFaults } from './write-queue';
import { said } from '../../../../shared/sources/health-problem';
import { settingsRead } from '../../../../shared/sources/source';

export interface IngestSchedulerDeps {
  sources: SourceRecords;
  secrets: SecretStore;
  writer: ItemWriter;
  runtime: IngestRuntime;
  log: Logger;
  now: () => number;
  random?: () => number;
  /** New rows were stored (for batched pushes). */
  onItems: (roomId: string, sourceId: string, ids: number[]) => void;
  /** A source's health changed. */
  onHealth: (sourceId: string) => void;
  /** Replay sources are played on the main thread by their own runner. */
  replay: { start(source: SourceRecord): void; stop(sourceId: string): void };
  /** A full disk pauses polling (faults/storage-guard.ts); absent, writes are never refused. */
  storage?: WriteFaults & { paused(): boolean };
}

export const maxPollsInFlight = 16;

/**
 * Decides when each source is polled, hands the work to the ingest worker, stores what
 * comes back in one transaction per batch (unless the worker's writer thread already did),
 * and keeps each source's health line true.
 */
export function createIngestScheduler(deps: IngestSchedulerDeps) {
  const { sources, secrets, writer, runtime, log, now } = deps;
  const random = deps.random ?? Math.random;
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<string>();
  const streaming = new Set<string>();
  let closed = false;

  const writes = createWriteQueue(writer, now, deps.storage, log);
  // Sources whose poll waits for the disk: nothing more is fetched until it can be stored.
  const waitingForDisk = new Set<string>();
  const stopWaiting = deps.storage?.onResumed(() => {
    for (const sourceId of [...waitingForDisk]) schedulePoll(sourceId, now());
    waitingForDisk.clear();
  });
  const waitForDisk = (error: unknown, sourceId: string): boolean => {
    if (!deps.storage?.fault(error, `poll ${sourceId}`)) return false;
    waitingForDisk.add(sourceId);
    return true;
  };

  // As many polls in the worker as it may fetch at once (16): more would only wait there,
  // and their answers would then land on the main thread all together.
  let pollsInFlight = 0;
  const waitingForSlot: (() => void)[] = [];
  const withPollSlot = async <T>(work: () => Promise<T>): Promise<T> => {
    if (pollsInFlight >= maxPollsInFlight) await new Promise<void>((resolve) => waitingForSlot.push(resolve));
    pollsInFlight++;
    try {
      return await work();
    } finally {
      pollsInFlight--;
      waitingForSlot.shift()?.();
    }
  };
  const store = (source: SourceRecord, items: readonly NormalizedItem[]): Promise<number> =>
    writes.enqueue(source.roomId, source.id, items, deps.onItems);
  /** Health lines are written on main, between the writer thread's transactions when there is one. */
  const saveHealth = (...args: Parameters<SourceRecords['saveHealth']>): Promise<void> =>
    runtime.withWriteTurn
      ? runtime.withWriteTurn(() => sources.saveHealth(...args))
      : new Promise<void>((resolve) => resolve(sources.saveHealth(...args))); // a throw becomes a rejection
  /** The runtime stored the items in its writer thread: only the news is left to tell. */
  const reportStored = (roomId: string, sourceId: string, ids: number[]): void => {
    if (ids.length > 0) deps.onItems(roomId, sourceId, ids);
  };

  const cancel = (sourceId: string) => {
    clearTimeout(timers.get(sourceId));
    timers.delete(sourceId);
    if (streaming.delete(sourceId)) runtime.stopStream(sourceId);
    deps.replay.stop(sourceId);
  };

  const schedulePoll = (sourceId: string, at: number) => {
    clearTimeout(timers.get(sourceId));
    const timer = setTimeout(
      () => void poll(sourceId).catch((error: unknown) => log.error('A poll could not finish', { sourceId, error })),
      Math.max(0, at - now()),
    );
    timer.unref?.();
    timers.set(sourceId, timer);
  };

  const poll = async (sourceId: string) => {
    timers.delete(sourceId);
    const source = sources.get(sourceId);
    // A source whose stored settings could not be read is never polled (its health says why).
    if (closed || !source || !settingsRead(source) || source.paused || source.config.kind === 'replay') return;
    if (inFlight.has(sourceId)) return;
    if (deps.storage?.paused()) {
      waitingForDisk.add(sourceId);
      return;
    }
    inFlight.add(sourceId);
    try {
      const job: PollJob = {
        sourceId,
        roomId: source.roomId,
        config: source.config,
        state: source.memory,
        credential: secrets.get(sourceId),
      };
      const outcome = await withPollSlot(() => runtime.poll(job));
      // Rows the writer thread already stored are announced even if the source was paused meanwhile.
      if (outcome.storedIds && !closed) reportStored(source.roomId, sourceId, outcome.storedIds);
      const current = sources.get(sourceId);
      if (closed || !current || !settingsRead(current) || current.paused) return;
      const taken = outcome.storedIds ? outcome.storedIds.length : await store(current, outcome.items);
      const health = healthAfterPoll(current.health, outcome, current.config, now(), random);
      await saveHealth(sourceId, health, outcome.state, taken);
      if (closed) return;
      deps.onHealth(sourceId);
      // Streamed sources are polled only to fill a gap; the stream's own health ends it.
      if (health.nextPollAt !== null && (!streaming.has(sourceId) || current.health.state !== 'ok')) {
        schedulePoll(sourceId, health.nextPollAt);
      }
    } catch (error) {
      if (waitForDisk(error, sourceId)) return;
      log.error('A poll failed unexpectedly', { sourceId, error });
      const current = sources.get(sourceId);
      if (current && !closed) {
        const retryAt = now() + 60_000;
        const pollFailed = said('pollFailed');
        await saveHealth(
          sourceId,
          {
            ...current.health,
            state: 'error',
            lastError: pollFailed.message,
            problem: pollFailed.problem,
            notices: current.health.notices,
            nextPollAt: retryAt,
            lastFetchAt: now(),
          },
          current.memory,
          0,
        ).catch((failure: unknown) => {
          if (!waitForDisk(failure, sourceId)) throw failure;
        });
        deps.onHealth(sourceId);
        schedulePoll(sourceId, retryAt);
      }
    } finally {
      inFlight.delete(sourceId);
    }
  };

  const onStreamEvent = (event: StreamEvent) => {
    void handleStreamEvent(event).catch((error: unknown) => {
      // A stream's items written meanwhile are safe; its health line is written again by the next event.
      if (!deps.storage?.fault(error, `stream ${event.sourceId}`)) {
        log.error('A stream event failed', { sourceId: event.sourceId, error });
      }
    });
  };

  const handleStreamEvent = async (event: StreamEvent) => {
    const source = sources.get(event.sourceId);
    if (event.type === 'items' && event.storedIds && source && !closed) {
      reportStored(source.roomId, source.id, event.storedIds);
    }
    if (closed || !source || !settingsRead(source) || source.paused) return;
    switch (event.type) {
      case 'items': {
        const taken = event.storedIds ? event.storedIds.length : await store(source, event.items);
        await saveHealth(
          source.id,
          {
            ...source.health,
            state: 'ok',
            lastFetchAt: now(),
            nextPollAt: null,
            consecutiveFailures: 0,
            lastError: null,
            problem: null,
          },
          { ...source.memory, cursor: event.cursor ?? source.memory.cursor },
          taken,
        );
        break;
      }
      case 'health':
        // The stream is back: it carries the source again, so the gap polling stops.
        if (event.state === 'ok') {
          clearTimeout(timers.get(source.id));
          timers.delete(source.id);
        }
        await saveHealth(
          source.id,
          {
            ...source.health,
            state: event.state,
            lastError: event.message,
            problem: event.problem ?? null,
            nextPollAt: null,
          },
          source.memory,
          0,
        );
        break;
      case 'fallback_to_polling':
        // The stream dropped: fill the gap by polling until it is back.
        schedulePoll(source.id, now());
        break;
    }
    deps.onHealth(source.id);
  };

  /**
   * (Re)starts whatever a source needs: a poll timer, a stream, or a replay. At app start
   * a poll waits for the time the last one set (servers' max-age and back-off survive a
   * restart); after a change by a person it runs at once.
   */
  const activate = (source: SourceRecord, when: 'scheduled' | 'now') => {
    cancel(source.id);
    if (source.paused || !settingsRead(source)) return;
    if (source.config.kind === 'replay') {
      deps.replay.start(source);
      return;
    }
    const credential = secrets.get(source.id);
    if (
      isStreamed(source.config, credential !== null) &&
      (source.config.kind === 'bluesky' || source.config.kind === 'mastodon')
    ) {
      streaming.add(source.id);
      runtime.startStream(
        { sourceId: source.id, roomId: source.roomId, config: source.config, cursor: source.memory.cursor, credential },
        onStreamEvent,
      );
      if (source.config.kind === 'mastodon') schedulePoll(source.id, now()); // catch up on what was missed
      return;
    }
    schedulePoll(source.id, when === 'now' ? now() : Math.max(source.health.nextPollAt ?? now(), now()));
  };

  return {
    start() {
      for (const source of sources.active()) {
        if (!settingsRead(source)) {
          log.warn('A source is not polled: its stored settings could not be read', {
            sourceId: source.id,
            roomId: source.roomId,
          });
        }
        activate(source, 'scheduled');
      }
    },
    /** After an add, edit, pause, resume or removal. */
    refresh(sourceId: string) {
      const source = sources.get(sourceId);
      if (!source) cancel(sourceId);
      else activate(source, 'now');
    },
    pollNow(sourceId: string) {
      const source = sources.get(sourceId);
      if (source && settingsRead(source) && !source.paused && source.config.kind !== 'replay') {
        schedulePoll(sourceId, now());
      }
    },
    async close() {
      closed = true;
      stopWaiting?.();
      writes.close();
      for (const sourceId of [...timers.keys(), ...streaming]) cancel(sourceId);
      await runtime.close();
    },
  };
}
export type IngestScheduler = ReturnType<typeof createIngestScheduler>;
