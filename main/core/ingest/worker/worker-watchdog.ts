/**
 * Watches the ingest worker's heartbeat from main. A worker whose event loop stops turning
 * (a parse that never ends: a regex backtracking over a crafted feed, a library bug) never
 * answers again and every source waits behind it; past the deadline, the watchdog says so
 * and names the poll whose body was being read, so only that source is failed.
 */
export interface WorkerWatchdog {
  /** Any message from the worker proves its loop turned. */
  alive(): void;
  reading(requestId: number | null): void;
  /** The poll being read when the worker went silent (if there was one). */
  blamed(): number | null;
  stop(): void;
}

export interface WatchdogOptions {
  /** Silence longer than this means stuck. */
  deadlineMs: number;
  onStuck: (silentMs: number) => void;
}

/** Real time, whatever clock the caller's tests fake: silence is measured on the wall. */
const now = () => performance.now();

export function watchWorker({ deadlineMs, onStuck }: WatchdogOptions): WorkerWatchdog {
  let lastAlive = now();
  /** Armed by the first heartbeat: loading the worker's code is not a stuck loop. */
  let armed = false;
  let readingRequest: number | null = null;
  let fired = false;
  const timer = setInterval(
    () => {
      const silent = now() - lastAlive;
      if (!armed || fired || silent <= deadlineMs) return;
      fired = true;
      onStuck(silent);
    },
    Math.max(20, Math.min(1000, Math.round(deadlineMs / 4))),
  );
  timer.unref();
  return {
    alive() {
      armed = true;
      lastAlive = now();
    },
    reading(requestId) {
      readingRequest = requestId;
    },
    blamed: () => readingRequest,
    stop() {
      clearInterval(timer);
    },
  };
}
