/**
 * The calls one socket has sent, run at most `limit` at a time.
 *
 * Pausing the socket is not enough on its own: ws parses every frame of a chunk it has
 * already read and emits each as a message, paused or not. One 64 KiB read holds ~600
 * small calls, and a client that never reads its answers had them all built at once
 * (~185 MiB of heap for `items.latest`). So messages past the limit wait here, as the few
 * bytes they arrived as, and the socket stays paused until this queue is empty again:
 * what waits is bounded by what ws had read when reading stopped.
 */
export interface SocketCallsOptions<Message> {
  limit: number;
  run(message: Message): Promise<void>;
  /** Whether the socket is still open: a closed socket's waiting calls are dropped, not run. */
  isOpen(): boolean;
  pause(): void;
  resume(): void;
}

export function createSocketCalls<Message>(options: SocketCallsOptions<Message>) {
  const waiting: Message[] = [];
  let running = 0;

  const startWaiting = () => {
    if (!options.isOpen()) {
      waiting.length = 0;
      return;
    }
    while (running < options.limit) {
      const next = waiting.shift();
      if (next === undefined) break;
      running += 1;
      void options.run(next).finally(() => {
        running -= 1;
        startWaiting();
      });
    }
    if (waiting.length === 0 && running < options.limit) options.resume();
  };

  return {
    /** A message arrived: run it now, or keep it until a running call ends. */
    received(message: Message) {
      waiting.push(message);
      if (running + waiting.length >= options.limit) options.pause();
      startWaiting();
    },
    /** Calls running now (tests). */
    running: () => running,
    /** Calls read but not started (tests). */
    waiting: () => waiting.length,
  };
}
