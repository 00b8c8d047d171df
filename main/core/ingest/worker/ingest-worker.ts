import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createPoliteFetcher } from '../http/polite-fetcher';
import { pollSource } from './poll-source';
import type { BlueskySessionMemory } from './poll-bluesky-search';
import type { FromWorker, ToWorker, WorkerSettings } from './protocol';
import { Streams } from './streams';

/**
 * The ingest worker thread: every fetch, parse, sanitize and socket lives here so the main
 * event loop only stores batches. Built as out/main/ingest-worker.js; run from source with tsx.
 */
const port = requirePort();

const settings = workerData as WorkerSettings;
const fetcher = createPoliteFetcher({ userAgent: settings.userAgent });
const blueskySessions: BlueskySessionMemory = new Map();
const inFlight = new Map<number, AbortController>();
const running = new Set<Promise<void>>();
const send = (message: FromWorker) => port.postMessage(message);
const streams = new Streams({ emit: (event) => send({ type: 'stream_event', event }) });
let closing = false;

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'poll': {
      const poll = runPoll(message.requestId, message.job);
      running.add(poll);
      void poll.finally(() => running.delete(poll));
      return;
    }
    case 'start_stream':
      if (!closing) streams.start(message.job);
      return;
    case 'stop_stream':
      streams.stop(message.sourceId);
      send({ type: 'stream_stopped', sourceId: message.sourceId });
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
  try {
    const outcome = await pollSource(job, {
      fetcher,
      now: Date.now,
      userAgent: settings.userAgent,
      blueskySessions,
      ...(settings.redditBaseUrl !== undefined ? { redditBaseUrl: settings.redditBaseUrl } : {}),
      signal: abort.signal,
    });
    send({ type: 'poll_done', requestId, outcome });
  } catch (error) {
    const message = abort.signal.aborted
      ? 'The ingest worker is shutting down'
      : `The poll failed inside the ingest worker: ${error instanceof Error ? error.message : String(error)}`;
    send({ type: 'poll_error', requestId, message });
  } finally {
    inFlight.delete(requestId);
  }
}

async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  // Streams hand over their last batch before the worker says it is closed.
  streams.stopAll();
  for (const abort of inFlight.values()) abort.abort(new Error('closing'));
  await Promise.allSettled([...running]);
  await fetcher.close().catch(() => undefined);
  send({ type: 'closed' });
  port.close();
}

function requirePort(): MessagePort {
  if (!parentPort) throw new Error('ingest-worker must run in a worker thread');
  return parentPort;
}
