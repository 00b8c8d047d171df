/**
 * Caps requests in flight overall and per host (16 and 2, the numbers the mature feed readers
 * settled on to stay welcome on small servers), queueing the
 * rest in arrival order so one slow host cannot starve the others.
 */
export interface HostLimiter {
  /** Resolves with a release function once a slot for `host` is free. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void>;
  readonly inFlight: number;
  readonly queued: number;
}

interface Waiter {
  host: string;
  grant: () => void;
}

export function createHostLimiter(maxInFlight: number, maxPerHost: number): HostLimiter {
  let inFlight = 0;
  const perHost = new Map<string, number>();
  const waiting: Waiter[] = [];

  const canStart = (host: string): boolean => inFlight < maxInFlight && (perHost.get(host) ?? 0) < maxPerHost;

  const start = (host: string): (() => void) => {
    inFlight += 1;
    perHost.set(host, (perHost.get(host) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight -= 1;
      const left = (perHost.get(host) ?? 1) - 1;
      if (left === 0) perHost.delete(host);
      else perHost.set(host, left);
      drain();
    };
  };

  const drain = (): void => {
    for (let i = 0; i < waiting.length && inFlight < maxInFlight;) {
      const waiter = waiting[i];
      if (waiter && canStart(waiter.host)) {
        waiting.splice(i, 1);
        waiter.grant();
      } else {
        i += 1;
      }
    }
  };

  return {
    acquire(host, signal) {
      // Waiters for this host keep their place; other hosts may pass them when a slot is free.
      if (canStart(host) && !waiting.some((w) => w.host === host)) return Promise.resolve(start(host));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          host,
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(start(host));
          },
        };
        const onAbort = (): void => {
          const index = waiting.indexOf(waiter);
          if (index !== -1) waiting.splice(index, 1);
          reject(signal?.reason instanceof Error ? signal.reason : new Error('Aborted'));
        };
        if (signal?.aborted) {
          onAbort();
          return;
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(waiter);
      });
    },
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
  };
}
