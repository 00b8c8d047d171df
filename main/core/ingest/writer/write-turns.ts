/**
 * Turns at the SQLite write lock between the main thread and the writer thread. SQLite's own
 * busy handler would make main sleep (blocking its event loop) and, against a writer that
 * starts its next transaction microseconds after the last, could keep missing the gap. So
 * main announces that it wants to write, the writer lets it in between two transactions, and
 * main waits for that asynchronously: its event loop never blocks on the writer.
 */

const lockSlot = 0;
const waitingSlot = 1;
const free = 0;
const writerHolds = 1;
const mainHolds = 2;
/** How long the writer sleeps between looks while main has its turn; main's writes take well under this. */
const writerPollMs = 1;
/** Main re-checks this often in case a notify was missed or the writer thread went away. */
const mainPollMs = 20;

export function createWriteTurns(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** Writer thread: waits (blocking only itself) until main has no write waiting, then takes the lock. */
export function takeWriterTurn(turns: Int32Array): void {
  for (;;) {
    if (
      Atomics.load(turns, waitingSlot) === 0 &&
      Atomics.compareExchange(turns, lockSlot, free, writerHolds) === free
    ) {
      return;
    }
    Atomics.wait(turns, lockSlot, Atomics.load(turns, lockSlot), writerPollMs);
  }
}

export function endWriterTurn(turns: Int32Array): void {
  Atomics.store(turns, lockSlot, free);
  Atomics.notify(turns, lockSlot);
}

/**
 * Main thread: runs `write` once the writer is between transactions. `current` gives the live
 * pair's turns, or null when no writer thread runs (then nobody competes and it runs at once).
 */
export async function withMainTurn<T>(current: () => Int32Array | null, write: () => T): Promise<T> {
  for (;;) {
    const turns = current();
    if (!turns) return write();
    const taken = await turnOf(turns, current, write);
    if (taken.done) return taken.value;
  }
}

/** Waits for a turn on these turns; gives up (done: false) when the writer pair was replaced. */
async function turnOf<T>(
  turns: Int32Array,
  current: () => Int32Array | null,
  write: () => T,
): Promise<{ done: true; value: T } | { done: false }> {
  Atomics.add(turns, waitingSlot, 1);
  try {
    for (;;) {
      if (Atomics.compareExchange(turns, lockSlot, free, mainHolds) === free) {
        try {
          return { done: true, value: write() };
        } finally {
          Atomics.store(turns, lockSlot, free);
        }
      }
      const wait = Atomics.waitAsync(turns, lockSlot, writerHolds, mainPollMs);
      if (wait.async) await wait.value;
      // A writer that died mid-transaction never frees its turn; its replacement has fresh turns.
      if (current() !== turns) return { done: false };
    }
  } finally {
    Atomics.sub(turns, waitingSlot, 1);
    Atomics.notify(turns, lockSlot);
  }
}
