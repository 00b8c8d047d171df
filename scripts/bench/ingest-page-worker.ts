/**
 * Stands in for the ingest worker in the ingest benchmark: it builds the same synthetic
 * items in its own thread and answers each poll with one page, so serializing happens off
 * the main thread exactly as with the real worker (fetch and parse are the parse bench's).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PollJob, PollOutcome } from '../../main/core/ingest/pipeline/ingest-runtime';
import { syntheticItems } from './synthetic-items';

const { total, pageSize } = workerData as { total: number; pageSize: number };
const items = syntheticItems(total);
let nextPage = 0;

parentPort?.on('message', (job: PollJob) => {
  const page = items.slice(nextPage * pageSize, (nextPage + 1) * pageSize);
  nextPage++;
  parentPort?.postMessage({
    sourceId: job.sourceId,
    items: page,
    state: job.state,
    result: { kind: 'ok' },
    retryAfterMs: null,
    maxAgeMs: 3_600_000,
    hasMore: false,
  } satisfies PollOutcome);
});
