import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives a thread's memory back to the system after a huge piece of work (a 200k-entry feed).
 *
 * Measured on Node 24 (V8 13.6): once the work's objects are garbage, an ordinary full GC
 * shrinks the heap V8 reports, but its freed pages stay in the process (RSS unchanged), and
 * V8's memory reducer, which would release them, did not run in 30 s of idleness. Ending the
 * thread does not release them either. What does is a memory-reducing GC ("last resort") in
 * the thread that grew: RSS fell from ~750 MiB to ~80 MiB in a test. Node exposes that GC
 * only behind `--expose-gc`, a whole-process flag: it is set just long enough to create one
 * context holding `gc`, so no other code sees it.
 */
type GcWithOptions = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let reducingGc: GcWithOptions | null | undefined;

function loadGc(): GcWithOptions | null {
  if (reducingGc !== undefined) return reducingGc;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    reducingGc = typeof gc === 'function' ? (gc as GcWithOptions) : null;
  } catch {
    reducingGc = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return reducingGc;
}

/** Runs the memory-reducing GC in this thread now; false where the runtime offers none. */
export function returnMemoryNow(): boolean {
  const gc = loadGc();
  if (!gc) return false;
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return true;
}

export interface MemoryReturnOptions {
  /** Items handled (parsed, stored) since the last reducing GC that make one worth it. */
  minItems: number;
  /** So does a heap past this, whatever the work was (a huge body with few entries). */
  heapBytes: number;
  /** The GC runs once the thread has had no large work for this long (a huge feed comes in slices). */
  idleMs: number;
  /** Whether work is still running in this thread: the GC waits for it. */
  busy(): boolean;
  /** Told what a reducing GC took (for tests and the log). */
  onReturned?: (took: { ms: number; heapBytesAfter: number }) => void;
}

/**
 * Called after each piece of work a thread does: after large ones, once the thread is
 * idle, one reducing GC. It costs ~10–100 ms in the thread that runs it, so ordinary polls
 * never trigger it, and a heap that stays large because it is live (not garbage) does not
 * trigger it again until it doubles.
 */
export function createMemoryReturn(options: MemoryReturnOptions) {
  let items = 0;
  let heapFloor = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(runWhenIdle, options.idleMs);
    timer.unref();
  };
  const runWhenIdle = () => {
    timer = undefined;
    if (options.busy()) {
      arm();
      return;
    }
    items = 0;
    const started = performance.now();
    if (!returnMemoryNow()) return;
    const heapBytesAfter = getHeapStatistics().total_heap_size;
    heapFloor = heapBytesAfter * 2;
    options.onReturned?.({ ms: performance.now() - started, heapBytesAfter });
  };

  return {
    /** A piece of work ended, having handled `count` items. */
    workDone(count: number) {
      items += count;
      const heap = getHeapStatistics().total_heap_size;
      if (items >= options.minItems || heap >= Math.max(options.heapBytes, heapFloor)) arm();
    },
    close() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
