import { describe, expect, it } from 'vitest';
import { createHostLimiter } from './host-limiter';

describe('createHostLimiter', () => {
  it('caps per host and overall, and lets other hosts pass a blocked one', async () => {
    const limiter = createHostLimiter(3, 2);
    const a1 = await limiter.acquire('a');
    const a2 = await limiter.acquire('a');
    let a3Granted = false;
    const a3 = limiter.acquire('a').then((release) => {
      a3Granted = true;
      return release;
    });
    const b1 = await limiter.acquire('b'); // host b is free: it does not wait behind a
    expect(limiter.inFlight).toBe(3);
    let b2Granted = false;
    const b2 = limiter.acquire('b').then((release) => {
      b2Granted = true;
      return release;
    });
    await Promise.resolve();
    expect([a3Granted, b2Granted, limiter.queued]).toEqual([false, false, 2]);
    a1();
    (await a3)();
    expect(a3Granted).toBe(true);
    a2();
    b1();
    (await b2)();
    expect(limiter.inFlight).toBe(0);
  });

  it('drops a waiter whose signal aborts', async () => {
    const limiter = createHostLimiter(1, 1);
    const held = await limiter.acquire('a');
    const controller = new AbortController();
    const waiting = limiter.acquire('a', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(limiter.queued).toBe(0);
    held();
  });
});
