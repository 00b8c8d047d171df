import { MessageChannel, Worker } from 'node:worker_threads';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { ToWriter, WriterSettings } from '../writer/protocol';
import { createWriterLink, type WriterLink } from '../writer/writer-link';
import { createWriteTurns, withMainTurn } from '../writer/write-turns';
import { faultSentence } from '../../../../shared/i18n/fault-sentences';
import { createMemoryReturn } from '../../faults/return-memory';
import { failedOutcome } from './outcome';
import { watchWorker, type WorkerWatchdog } from './worker-watchdog';
import type { FromWorker, PollJob, PollOutcome, StreamEvent, StreamJob, ToWorker, WorkerSettings } from './protocol';
import { said } from '../../../../shared/sources/health-problem';

export type { PollJob, PollOutcome, StreamEvent, StreamJob } from './protocol';

export interface IngestWorkerOptions {
  /** The built worker (out/main/ingest-worker.js). Absent: the TypeScript source, run with tsx. */
  workerUrl?: URL;
  /**
   * The data directory whose database the writer thread stores items in. With it, items go
   * ingest worker → writer thread and polls answer with `storedIds`; without it (tests of
   * fetching alone), the items themselves come back.
   */
  dataDir?: string;
  /** The built writer (out/main/item-writer.js). Absent: beside a built `workerUrl`, else the TypeScript source. */
  writerUrl?: URL;
  /** Sent on every request; Reddit refuses generic agents. */
  userAgent?: string;
  /** Tests and e2e fixtures point Reddit at a local server. */
  redditBaseUrl?: string;
  /** Private feed addresses typed by the person: fetched unless this is false (team mode). */
  allowTypedPrivate?: boolean;
  /** Items per message from the worker to the writer thread (tests). */
  writeSliceItems?: number;
  /** A crashing worker is restarted at most this often. Default 10 s. */
  minRestartIntervalMs?: number;
  now?: () => number;
  /**
   * The per-poll deadline for reading a body: a worker silent this long is stuck. It is
   * replaced, the poll it was reading fails with "this feed took too long to read", and
   * the other polls run again on the new worker. Default 20 s (the fetch timeout).
   */
  stuckAfterMs?: number;
  /** How often the worker says it is alive. Default 250 ms. */
  heartbeatMs?: number;
  /** Told each time the worker stops unexpectedly, with the reason (for the log). */
  onCrash?: (message: string) => void;
  /** Test hook: each new Worker, e.g. to terminate it and prove a crash is survived. */
  onWorkerStarted?: (worker: Worker) => void;
  /** Test hook: each new writer thread. */
  onWriterStarted?: (writer: Worker) => void;
}

export interface IngestWorker {
  poll(job: PollJob): Promise<PollOutcome>;
  /** Runs a main-thread write between two of the writer thread's transactions, without blocking main. */
  withWriteTurn<T>(write: () => T): Promise<T>;
  /** Stores items in the writer thread (replays); null without a writer thread (no `dataDir`). */
  storeItems: ((roomId: string, sourceId: string, items: NormalizedItem[]) => Promise<number[]>) | null;
  startStream(job: StreamJob, onEvent: (event: StreamEvent) => void): void;
  stopStream(sourceId: string): void;
  close(): Promise<void>;
}

export const DEFAULT_INGEST_USER_AGENT = 'desktop:riposte:0.1.0 (Riposte war room; polls politely)';

/** Kept in a variable so bundlers do not treat the source path as an asset to copy. */
const workerSourceFile = './ingest-worker.ts';
const writerSourceFile = '../writer/item-writer-thread.ts';
const writerBuiltFile = './item-writer.js';
const closeTimeoutMs = 5_000;

interface PendingPoll {
  job: PollJob;
  resolve(outcome: PollOutcome): void;
  reject(error: Error): void;
}

interface ActiveStream {
  /** The job with the newest cursor seen, so a restarted worker resumes where the stream was. */
  job: StreamJob;
  onEvent(event: StreamEvent): void;
}

/**
 * The main-thread side of the ingest worker: polls are requests answered by id, streams are
 * subscriptions whose events are routed by source id. A crash rejects what was pending with
 * a clear error and the worker comes back (at most once per `minRestartIntervalMs`), streams included.
 * With `dataDir`, the worker comes with a writer thread, joined by their own MessageChannel; the
 * two live and die as a pair: if either stops unexpectedly, both are replaced.
 */
export function createIngestWorker(options: IngestWorkerOptions = {}): IngestWorker {
  const now = options.now ?? Date.now;
  const minRestartIntervalMs = options.minRestartIntervalMs ?? 10_000;
  const stuckAfterMs = options.stuckAfterMs ?? 20_000;
  const settings: WorkerSettings = {
    userAgent: options.userAgent ?? DEFAULT_INGEST_USER_AGENT,
    heartbeatMs: options.heartbeatMs ?? 250,
    ...(options.redditBaseUrl !== undefined ? { redditBaseUrl: options.redditBaseUrl } : {}),
    ...(options.allowTypedPrivate !== undefined ? { allowTypedPrivate: options.allowTypedPrivate } : {}),
    ...(options.writeSliceItems !== undefined ? { writeSliceItems: options.writeSliceItems } : {}),
  };
  const pending = new Map<number, PendingPoll>();
  const streams = new Map<string, ActiveStream>();
  /** Streams told to stop whose last batch may still be on its way, with how many stops are outstanding. */
  const stopping = new Map<string, { onEvent(event: StreamEvent): void; count: number }>();
  /** Messages waiting for a worker that is being restarted. */
  const queued: ToWorker[] = [];
  let worker: Worker | null = null;
  let writer: Worker | null = null;
  /** The live writer's lock turns (fresh per pair, so a dead writer's held turn is never waited on). */
  let turns: Int32Array | null = null;
  /** Main's own channel to the live writer (replay batches). */
  let writerLink: WriterLink | null = null;
  /** Why the writer thread stopped, when that is what brought the pair down. */
  let writerStopped: string | null = null;
  let watchdog: WorkerWatchdog | null = null;
  /** Set when the watchdog replaced a stuck worker: the poll it was reading, if known. */
  let replacedStuck: { blamed: number | null } | null = null;
  let lastStartAt = Number.NEGATIVE_INFINITY;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let nextRequestId = 1;
  let closing = false;
  let closed: Promise<void> | null = null;
  /**
   * Main's share of a huge feed (what reading and announcing 200k new rows left behind) is
   * given back too, once no poll has brought much for a few seconds: one pause of tens of ms.
   */
  const memory = createMemoryReturn({
    minItems: 20_000,
    heapBytes: Number.POSITIVE_INFINITY,
    idleMs: 3_000,
    busy: () => pending.size > 0,
  });

  const spawn = (): Worker => {
    const url = options.workerUrl ?? new URL(workerSourceFile, import.meta.url);
    const channel = options.dataDir === undefined ? null : new MessageChannel();
    const created = new Worker(url, {
      workerData: channel ? { ...settings, writerPort: channel.port1 } : settings,
      ...(channel ? { transferList: [channel.port1] } : {}),
      ...(url.pathname.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
      name: 'riposte-ingest',
    });
    const createdTurns = createWriteTurns();
    const mainChannel = channel ? new MessageChannel() : null;
    const createdWriter =
      channel && mainChannel && options.dataDir !== undefined
        ? spawnWriter(options.dataDir, channel.port2, mainChannel.port2, createdTurns)
        : null;
    let lastError: string | null = null;
    const createdWatchdog = watchWorker({
      deadlineMs: stuckAfterMs,
      onStuck: (silentMs) => {
        if (worker !== created) return;
        replacedStuck = { blamed: createdWatchdog.blamed() };
        lastError = `it did not respond for ${Math.round(silentMs)} ms and was replaced`;
        void created.terminate();
      },
    });
    watchdog?.stop();
    watchdog = createdWatchdog;
    created.on('message', (message: FromWorker) => {
      createdWatchdog.alive();
      handle(message, createdWatchdog);
    });
    created.on('error', (error) => {
      lastError = error.message;
    });
    created.on('messageerror', (error) => {
      lastError = `a message could not be read (${error.message})`;
    });
    created.on('exit', (code) => {
      createdWatchdog.stop();
      if (worker !== created) return;
      worker = null;
      writer = null;
      turns = null;
      writerLink = null;
      mainChannel?.port1.close();
      if (createdWriter) void createdWriter.terminate();
      if (!closing) crashed(lastError ?? `exit code ${code}`);
    });
    createdWriter?.on('exit', (code) => {
      if (writer !== createdWriter || closing) return;
      // The pair goes down together; the ingest worker's exit reports the crash and restarts both.
      writerStopped = `the item writer thread stopped (exit code ${code})`;
      turns = null;
      void created.terminate();
    });
    writer = createdWriter;
    turns = createdWriter ? createdTurns : null;
    writerLink = createdWriter && mainChannel ? createWriterLink(mainChannel.port1) : null;
    // Waiting for a writer's answer is no reason to keep the process alive (its listener refs the port).
    mainChannel?.port1.unref();
    lastStartAt = now();
    options.onWorkerStarted?.(created);
    if (createdWriter) options.onWriterStarted?.(createdWriter);
    return created;
  };

  const spawnWriter = (
    dataDir: string,
    port: WriterSettings['port'],
    mainPort: WriterSettings['mainPort'],
    shared: Int32Array,
  ): Worker => {
    const url = options.writerUrl ?? defaultWriterUrl(options.workerUrl);
    const created = new Worker(url, {
      workerData: { dataDir, port, mainPort, turns: shared } satisfies WriterSettings,
      transferList: [port, mainPort],
      ...(url.pathname.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
      name: 'riposte-item-writer',
    });
    created.on('error', (error) => {
      writerStopped = `the item writer thread failed: ${error.message}`;
    });
    return created;
  };

  const post = (message: ToWorker): void => {
    if (worker) {
      worker.postMessage(message);
      return;
    }
    queued.push(message);
    ensureWorker();
  };

  /** Starts the worker now if the restart budget allows, or when it does. */
  const ensureWorker = (): void => {
    if (worker || closing || restartTimer !== null) return;
    const wait = lastStartAt + minRestartIntervalMs - now();
    if (wait > 0) {
      restartTimer = setTimeout(() => {
        restartTimer = null;
        ensureWorker();
      }, wait);
      return;
    }
    worker = spawn();
    for (const stream of streams.values()) worker.postMessage({ type: 'start_stream', job: stream.job });
    // Streams were just started from `streams`, which also holds any queued start.
    for (const message of queued.splice(0)) if (message.type !== 'start_stream') worker.postMessage(message);
  };

  const crashed = (workerReason: string): void => {
    const reason = writerStopped ?? workerReason;
    const stuck = replacedStuck;
    writerStopped = null;
    replacedStuck = null;
    options.onCrash?.(reason);
    if (stuck) retryAfterStuck(stuck.blamed);
    else {
      const error = new Error(`The ingest worker stopped unexpectedly (${reason}); this poll did not finish`);
      for (const poll of pending.values()) poll.reject(error);
      pending.clear();
    }
    stopping.clear();
    for (const [sourceId, stream] of streams) {
      stream.onEvent({
        type: 'health',
        sourceId,
        state: 'error',
        ...said('workerStopped'),
      });
    }
    // Streams must come back on their own; polls bring the worker back when they need it.
    if (streams.size > 0) ensureWorker();
  };

  /**
   * A stuck worker's polls: the one it was reading fails with a plain reason (its source backs
   * off like every failing source); the others were only waiting and run again on the new worker.
   * Stuck outside every poll's reading, no source is to blame: every poll fails as after a crash.
   */
  const retryAfterStuck = (blamed: number | null): void => {
    const offender = blamed === null ? undefined : pending.get(blamed);
    if (!offender) {
      const error = new Error(faultSentence('faults.ingest.workerStuck'));
      for (const poll of pending.values()) poll.reject(error);
      pending.clear();
      return;
    }
    if (blamed !== null) pending.delete(blamed);
    const seconds = Math.round(stuckAfterMs / 1000);
    offender.resolve(failedOutcome(offender.job, 'too_slow', said('tooSlowToRead', { seconds })));
    for (const [requestId, poll] of pending) queued.push({ type: 'poll', requestId, job: poll.job });
    if (pending.size > 0) ensureWorker();
  };

  const handle = (message: FromWorker, watched: WorkerWatchdog): void => {
    switch (message.type) {
      case 'alive':
        return;
      case 'reading':
        watched.reading(message.requestId);
        return;
      case 'poll_done':
      case 'poll_error': {
        const poll = pending.get(message.requestId);
        if (!poll) return;
        pending.delete(message.requestId);
        if (message.type === 'poll_done') {
          memory.workDone(message.outcome.storedIds?.length ?? message.outcome.items.length);
          poll.resolve(message.outcome);
        } else poll.reject(new Error(message.message));
        return;
      }
      case 'stream_event':
        routeEvent(message.event);
        return;
      case 'stream_stopped': {
        const entry = stopping.get(message.sourceId);
        if (entry && --entry.count <= 0) stopping.delete(message.sourceId);
        return;
      }
      case 'closed':
        return;
    }
  };

  const routeEvent = (event: StreamEvent): void => {
    // Messages arrive in order: until the worker confirms a stop, events are the stopped stream's last batch.
    const old = stopping.get(event.sourceId);
    if (old) {
      old.onEvent(event);
      return;
    }
    const stream = streams.get(event.sourceId);
    if (!stream) return;
    if (event.type === 'items' && event.cursor !== null) stream.job = { ...stream.job, cursor: event.cursor };
    if (event.type === 'fallback_to_polling' && event.minId !== null) {
      stream.job = { ...stream.job, cursor: event.minId };
    }
    stream.onEvent(event);
  };

  const stopStream = (sourceId: string): void => {
    const stream = streams.get(sourceId);
    if (!stream) return;
    streams.delete(sourceId);
    if (!worker) {
      // Nothing runs it: drop a queued start instead of sending a stop.
      const index = queued.findIndex((m) => m.type === 'start_stream' && m.job.sourceId === sourceId);
      if (index >= 0) queued.splice(index, 1);
      return;
    }
    const entry = stopping.get(sourceId);
    if (entry) entry.count += 1;
    else stopping.set(sourceId, { onEvent: stream.onEvent, count: 1 });
    worker.postMessage({ type: 'stop_stream', sourceId });
  };

  return {
    poll(job) {
      if (closing) return Promise.reject(new Error('The ingest worker is closed'));
      const requestId = nextRequestId++;
      return new Promise<PollOutcome>((resolve, reject) => {
        pending.set(requestId, { job, resolve, reject });
        post({ type: 'poll', requestId, job });
      });
    },

    startStream(job, onEvent) {
      if (closing) return;
      stopStream(job.sourceId);
      streams.set(job.sourceId, { job, onEvent });
      post({ type: 'start_stream', job });
    },

    stopStream,

    withWriteTurn: (write) => withMainTurn(() => turns, write),

    storeItems:
      options.dataDir === undefined
        ? null
        : (roomId, sourceId, items) => {
            if (closing) return Promise.reject(new Error('The ingest worker is closed'));
            ensureWorker();
            // Restarting after a crash (or waiting out the restart budget): the caller stores these itself.
            if (!writerLink) return Promise.reject(new Error('The item writer thread is restarting'));
            return writerLink.write(roomId, sourceId, items);
          },

    close() {
      if (closed) return closed;
      closing = true;
      memory.close();
      if (restartTimer !== null) clearTimeout(restartTimer);
      restartTimer = null;
      watchdog?.stop();
      const current = worker;
      const currentWriter = writer;
      closed = (async () => {
        // The worker first: it waits for its polls, whose writes the writer finishes before closing.
        if (current) await closeThread(current, { type: 'close' } satisfies ToWorker);
        if (currentWriter) await closeThread(currentWriter, { type: 'close' } satisfies ToWriter);
        worker = null;
        writer = null;
        turns = null;
        writerLink = null;
        const error = new Error('The ingest worker is closed');
        for (const poll of pending.values()) poll.reject(error);
        pending.clear();
        streams.clear();
        stopping.clear();
        queued.length = 0;
      })();
      return closed;
    },
  };
}

/** Asks a thread to close and waits for it to end, terminating it if it takes too long. */
async function closeThread(thread: Worker, message: ToWorker | ToWriter): Promise<void> {
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  thread.postMessage(message);
  const timeout = new Promise<'timeout'>((resolve) => {
    const handle = setTimeout(() => resolve('timeout'), closeTimeoutMs);
    handle.unref();
  });
  if ((await Promise.race([exited, timeout])) === 'timeout') await thread.terminate();
}

/** A built worker has the built writer beside it (out/main/); from source, the TypeScript file. */
function defaultWriterUrl(workerUrl: URL | undefined): URL {
  if (workerUrl && !workerUrl.pathname.endsWith('.ts')) return new URL(writerBuiltFile, workerUrl);
  return new URL(writerSourceFile, import.meta.url);
}
