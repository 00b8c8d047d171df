import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createMemoryReturn } from '../../faults/return-memory';
import { createPoliteFetcher } from '../../net/polite-fetcher';
import { createWriterLink } from '../writer/writer-link';
import { pollSource } from './poll-source';
import { createKnownEntriesMemory } from './known-entries';
import type { EntryKey } from '../feeds/parse-feed';
import type { BlueskySessionMemory } from './poll-deps';
import type { FromWorker, PollOutcome, StreamEvent, StreamJob, ToWorker, WorkerSettings } from './protocol';
import { Streams } from './streams';
import { said } from '../../../../shared/sources/health-problem';

/**
 * The ingest worker thread: every fetch, parse, sanitize and socket lives here so the main
 * event loop stays free. With a writer port, items go straight to the writer thread and only
 * their stored ids go to main. Built as out/main/ingest-worker.js; run from source with tsx.
 */
const port = requirePort();

const settings = workerData as WorkerSettings;
const fetcher = createPoliteFetcher({
  userAgent: settings.userAgent,
  ...(settings.allowTypedPrivate !== undefined ? { allowTypedPrivate: settings.allowTypedPrivate } : {}),
});
const blueskySessions: BlueskySessionMemory = new Map();
const inFlight = new Map<number, AbortController>();
const running = new Set<Promise<void>>();
const writer = settings.writerPort ? createWriterLink(settings.writerPort) : null;
/**
 * Only with a writer thread: then an item is known stored once its write answered. Without
 * one, main stores the items after this thread has moved on, so nothing is left out.
 */
const knownEntries = writer ? createKnownEntriesMemory() : null;
const send = (message: FromWorker) => port.postMessage(message);
/**
 * Stream messages leave in the order they happened even though storing items is async: each
 * waits for the one before (a health change never overtakes the batch before it, nor does
 * `stream_stopped` overtake a stopped stream's last batch).
 */
let streamOutbox: Promise<void> = Promise.resolve();
const sendInOrder = (message: () => Promise<FromWorker | null>): void => {
  streamOutbox = streamOutbox
    .then(async () => {
      const ready = await message();
      if (ready) send(ready);
    })
    .catch(() => undefined); // storeStreamEvent reports its own failures; the chain must go on
};
const streamJobs = new Map<string, StreamJob>();
const streams = new Streams({
  // The room is read now: by the time the write runs, the stream may have been stopped.
  emit: (event) => {
    const roomId = streamJobs.get(event.sourceId)?.roomId ?? null;
    sendInOrder(() => storeStreamEvent(event, roomId));
  },
});
let closing = false;
/**
 * Items go to the writer thread in slices: a 200k-entry feed sent whole was cloned into one
 * message of hundreds of MiB, and held by both threads at once.
 */
const writeSlice = settings.writeSliceItems ?? 5_000;
// A huge feed's garbage is given back to the system once polls are quiet (see return-memory.ts).
const memory = createMemoryReturn({
  minItems: 20_000,
  heapBytes: 192 * 1024 * 1024,
  idleMs: 1_000,
  busy: () => inFlight.size > 0,
});

// Main replaces a worker that stops saying this (a parse that never ends, for instance).
const heartbeat = setInterval(() => send({ type: 'alive' }), settings.heartbeatMs ?? 250);
const whileReading =
  (requestId: number) =>
  <T>(read: () => T): T => {
    send({ type: 'reading', requestId });
    try {
      return read();
    } finally {
      send({ type: 'reading', requestId: null });
    }
  };

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'poll': {
      const poll = runPoll(message.requestId, message.job);
      running.add(poll);
      void poll.finally(() => running.delete(poll));
      return;
    }
    case 'start_stream':
      if (closing) return;
      streamJobs.set(message.job.sourceId, message.job);
      streams.start(message.job);
      return;
    case 'stop_stream':
      streams.stop(message.sourceId);
      streamJobs.delete(message.sourceId);
      sendInOrder(async () => ({ type: 'stream_stopped', sourceId: message.sourceId }));
      return;
    case 'close':
      void close();
      return;
  }
});

async function runPoll(requestId: number, job: Extract<ToWorker, { type: 'poll' }>['job']): Promise<void> {
  if (closing) {
    send({ type: 'poll_error', requestId, message: 'The ingest worker is shutting down' });
    return;
  }
  const abort = new AbortController();
  inFlight.set(requestId, abort);
  let taken = 0;
  let readKeys: EntryKey[] | null = null;
  try {
    const outcome = await pollSource(job, {
      fetcher,
      now: Date.now,
      userAgent: settings.userAgent,
      blueskySessions,
      ...(settings.redditBaseUrl !== undefined ? { redditBaseUrl: settings.redditBaseUrl } : {}),
      signal: abort.signal,
      whileReading: whileReading(requestId),
      ...(knownEntries
        ? {
            knownEntries: {
              of: (sourceId: string) => knownEntries.of(sourceId),
              perSource: knownEntries.perSource,
              read: (_sourceId: string, keys: EntryKey[]) => {
                readKeys = keys;
              },
            },
          }
        : {}),
    });
    taken = outcome.items.length;
    const stored = await store(outcome, job.roomId);
    // Remembered only now: entries whose write failed are read (and written) again next time.
    if (knownEntries && readKeys) knownEntries.remember(job.sourceId, readKeys);
    send({ type: 'poll_done', requestId, outcome: stored });
  } catch (error) {
    const message = abort.signal.aborted
      ? 'The ingest worker is shutting down'
      : `The poll failed inside the ingest worker: ${error instanceof Error ? error.message : String(error)}`;
    send({ type: 'poll_error', requestId, message });
  } finally {
    inFlight.delete(requestId);
    memory.workDone(taken);
  }
}

/** With a writer thread, the items are stored before main hears of them (a failed write fails the poll). */
async function store(outcome: PollOutcome, roomId: string): Promise<PollOutcome> {
  if (!writer) return outcome;
  const storedIds: number[] = [];
  for (let offset = 0; offset < outcome.items.length; offset += writeSlice) {
    const slice = outcome.items.slice(offset, offset + writeSlice);
    for (const id of await writer.write(roomId, outcome.sourceId, slice)) storedIds.push(id);
  }
  return { ...outcome, items: [], storedIds };
}

async function storeStreamEvent(event: StreamEvent, roomId: string | null): Promise<FromWorker | null> {
  if (!writer || event.type !== 'items') return { type: 'stream_event', event };
  if (roomId === null) return null;
  try {
    const storedIds = await writer.write(roomId, event.sourceId, event.items);
    return { type: 'stream_event', event: { ...event, items: [], storedIds } };
  } catch (error) {
    // The cursor is not advanced: after a restart the stream resumes before these items.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      type: 'stream_event',
      event: { type: 'health', sourceId: event.sourceId, state: 'error', ...said('unexpected', { detail }) },
    };
  }
}

async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  // Streams hand over their last batch before the worker says it is closed.
  streams.stopAll();
  for (const abort of inFlight.values()) abort.abort(new Error('closing'));
  await Promise.allSettled([...running]);
  await streamOutbox.catch(() => undefined);
  await fetcher.close().catch(() => undefined);
  clearInterval(heartbeat);
  memory.close();
  send({ type: 'closed' });
  settings.writerPort?.close();
  port.close();
}

function requirePort(): MessagePort {
  if (!parentPort) throw new Error('ingest-worker must run in a worker thread');
  return parentPort;
}
