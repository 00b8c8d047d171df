import { describe, expect, it } from 'vitest';
import { createSocketCalls } from './socket-calls';

function harness(limit: number) {
  const finish: (() => void)[] = [];
  const started: number[] = [];
  const state = { open: true, paused: false };
  const calls = createSocketCalls<number>({
    limit,
    run: (message) => {
      started.push(message);
      return new Promise<void>((resolve) => finish.push(resolve));
    },
    isOpen: () => state.open,
    pause: () => (state.paused = true),
    resume: () => (state.paused = false),
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { calls, finish, started, state, settle };
}

describe('a socket’s calls', () => {
  it('run at most `limit` at once, in the order they came; reading stays paused until none wait', async () => {
    const { calls, finish, started, state, settle } = harness(2);
    for (let message = 1; message <= 5; message++) calls.received(message);
    expect(started).toEqual([1, 2]);
    expect(calls.waiting()).toBe(3);
    expect(state.paused).toBe(true);

    finish.shift()?.();
    await settle();
    expect(started).toEqual([1, 2, 3]);
    expect(state.paused).toBe(true);

    while (finish.length > 0) {
      finish.shift()?.();
      await settle();
    }
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(calls.running()).toBe(0);
    expect(state.paused).toBe(false);
  });

  it('drops what waits once the socket is closed', async () => {
    const { calls, finish, started, settle, state } = harness(1);
    for (let message = 1; message <= 3; message++) calls.received(message);
    state.open = false;
    finish.shift()?.();
    await settle();
    expect(started).toEqual([1]);
    expect(calls.waiting()).toBe(0);
  });
});
