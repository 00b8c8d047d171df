import type { OutboxView } from '../../../../shared/contract/calls/publishing';
import { isLive } from '../../../../shared/publishing/outbox';
import { valueOf, type TestCore } from '../../testing/temp-core';
import { SimulatedCrash, type CrashPoint } from '../outbox-sender';
import type { testClock } from './outbox-test-kit';

/** Every step of a send a crash can strike. */
export const crashPoints: readonly CrashPoint[] = ['marked_sending', 'request_sent', 'answer_received'];

/**
 * One property run's crashes: the points still to strike, in order. `strike` is the core's
 * `outboxCrashAt`; `struck()` resolves once the current life's crash happened.
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
export type CrashPlan = ReturnType<typeof crashPlan>;

export interface CrashLives {
  first: TestCore;
  /** A new core on the same store, as after a kill. */
  reopen: () => TestCore;
  plan: CrashPlan;
  roomId: string;
  writer: Parameters<TestCore['as']>[0];
  clock: ReturnType<typeof testClock>;
  maxLives?: number;
}

/**
 * Lives of the core on one store until every entry is settled (published, failed, cancelled…:
 * nothing left for the sender) or the lives ran out. Each life runs the clock 3 minutes a
 * pass until then or until its crash strikes; the core is then closed and reopened. Returns
 * the last outbox read, for the test to say what it expected of each entry: a run that
 * settles wrongly ends here at once instead of looping until the test's timeout.
 */
export async function settleAcrossCrashes(options: CrashLives): Promise<OutboxView | null> {
  const { plan, roomId, writer, clock } = options;
  let core = options.first;
  let view: OutboxView | null = null;
  for (let life = 0; life < (options.maxLives ?? 20); life += 1) {
    // Once this life ended (a crash, or all settled), its closed core is not asked again.
    let lifeOver = false;
    const settled = (async () => {
      while (!lifeOver) {
        view = valueOf<OutboxView>(await core.dispatch('outbox.get', { roomId }));
        if (view.entries.every((e) => !isLive(e.state))) return 'settled' as const;
        // On a busy machine a queued entry can outlive its draft's freshness window while the
        // clock runs, and a person then says "send anyway".
        for (const entry of view.entries.filter((e) => e.waitReason === 'stale')) {
          await core.as(writer).dispatch('outbox.confirmStale', { id: entry.id });
        }
        clock.tick(3 * 60_000);
        await new Promise<void>((resolve) => {
          const done = () => {
            off();
            clearTimeout(timer);
            resolve();
          };
          const off = core.events.subscribe((name) => name === 'outbox.changed' && done());
          const timer = setTimeout(done, 150);
        });
      }
      return 'over' as const;
    })();
    const outcome = await Promise.race([settled, plan.struck().then(() => 'crashed' as const)]);
    lifeOver = true;
    await settled.catch(() => undefined);
    await core.close();
    if (outcome === 'settled') break;
    plan.nextLife();
    core = options.reopen();
  }
  return view;
}
