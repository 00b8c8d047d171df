import type { OutboxView } from '../../../../shared/contract/calls/publishing';
import { valueOf, type TestCore } from '../../testing/temp-core';
import { SimulatedCrash, type CrashPoint } from '../outbox-sender';
import type { testClock } from './outbox-test-kit';

/**
 * One property run's crashes: the points still to strike, in order. `strike` is the core's
 * `outboxCrashAt`; `struck()` resolves when the current life's crash has happened.
 */
export function crashPlan(crashes: readonly CrashPoint[]) {
  let pending = [...crashes];
  let crashed: () => void = () => {};
  let struck = new Promise<void>((resolve) => (crashed = resolve));
  return {
    strike(point: CrashPoint): void {
      if (pending[0] !== point) return;
      pending = pending.slice(1);
      crashed();
      throw new SimulatedCrash(point);
    },
    struck: () => struck,
    nextLife(): void {
      struck = new Promise<void>((resolve) => (crashed = resolve));
    },
  };
}

/**
 * Lives of the core on one store until every entry is published or `maxLives` ran out: each
 * life lets the clock run (3 minutes a pass) until all is published or its crash strikes,
 * then the core is closed and reopened, as after a kill. Returns the last outbox read.
 */
export async function settleAcrossCrashes(options: {
  first: TestCore;
  reopen: () => TestCore;
  plan: ReturnType<typeof crashPlan>;
  roomId: string;
  writer: Parameters<TestCore['as']>[0];
  clock: ReturnType<typeof testClock>;
  maxLives?: number;
}): Promise<OutboxView | null> {
  const { plan, roomId, writer, clock } = options;
  let core = options.first;
  let view: OutboxView | null = null;
  for (let life = 0; life < (options.maxLives ?? 20); life += 1) {
    // Once this life ended (a crash, or done), its closed core is not asked again.
    let lifeOver = false;
    const settled = (async () => {
      while (!lifeOver) {
        view = valueOf<OutboxView>(await core.dispatch('outbox.get', { roomId }));
        if (view.entries.every((e) => e.state === 'published')) return 'done' as const;
        // On a busy machine a queued entry can outlive its draft's freshness window while the
        // clock runs, and a person then says "send anyway".
        for (const entry of view.entries.filter((e) => e.waitReason === 'stale')) {
          await core.as(writer).dispatch('outbox.confirmStale', { id: entry.id });
        }
        clock.tick(3 * 60_000);
        await new Promise<void>((resolve) => {
          const off = core.events.subscribe((name) => name === 'outbox.changed' && (off(), resolve()));
          setTimeout(() => (off(), resolve()), 150);
        });
      }
      return 'over' as const;
    })();
    const outcome = await Promise.race([settled, plan.struck().then(() => 'crashed' as const)]);
    lifeOver = true;
    await settled.catch(() => undefined);
    await core.close();
    if (outcome === 'done') break;
    plan.nextLife();
    core = options.reopen();
  }
  return view;
}
