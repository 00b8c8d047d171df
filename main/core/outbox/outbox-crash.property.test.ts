import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import type { EntryView } from '../../../shared/publishing/outbox';
import { createTempCore, valueOf, type TestCore } from '../testing/temp-core';
import { SimulatedCrash, type CrashPoint } from './outbox-sender';
import { createMemoryNetwork } from './testing/memory-network';
import { setUpOutbox, testClock } from './testing/outbox-test-kit';

const points: CrashPoint[] = ['marked_sending', 'request_sent', 'answer_received'];

/**
 * A crash (the process dies) at every step of every send, again and again, then a restart
 * on the same store: every entry ends published with exactly one remote post.
 */
describe('the outbox under crashes', () => {
  it('makes exactly one remote post per entry whatever step each crash strikes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...points), { minLength: 1, maxLength: 5 }),
        fc.constantFrom<'mastodon' | 'bluesky'>('mastodon', 'bluesky'),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        async (crashes, network, drafts, lostAnswer) => {
          const dataDir = mkdtempSync(join(tmpdir(), 'riposte-crash-'));
          const clock = testClock();
          const remote = createMemoryNetwork(clock.now);
          const open = (crashAt?: (point: CrashPoint) => void): TestCore =>
            createTempCore(clock.now, {
              dataDir,
              startIngest: false,
              createPublisher: remote.createPublisher,
              ...(crashAt ? { outboxCrashAt: crashAt } : {}),
            });
          try {
            let pending = [...crashes];
            let crashed: () => void = () => {};
            let crashedNow = new Promise<void>((resolve) => (crashed = resolve));
            const strike = (point: CrashPoint) => {
              if (pending[0] !== point) return;
              pending = pending.slice(1);
              crashed();
              throw new SimulatedCrash(point);
            };
            const kit = await setUpOutbox(() => open(strike), { clock, network: remote });
            const account = network === 'mastodon' ? kit.mastodon : kit.bluesky;
            const entries: EntryView[] = [];
            for (let i = 0; i < drafts; i += 1) {
              const draft = await kit.approvedDraft(`Réponse ${i}`);
              entries.push(
                ...(await kit.core
                  .as(kit.writer)
                  .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [account.id] })),
              );
            }
            if (lostAnswer) remote.script('drop_after_commit');
            clock.tick(10_000);
            let core: TestCore = kit.core;
            for (let restarts = 0; restarts < 20; restarts += 1) {
              // Once this life ended (a crash, or done), its closed core is not asked again.
              let lifeOver = false;
              const settled = (async () => {
                while (!lifeOver) {
                  const view = valueOf<OutboxView>(await core.dispatch('outbox.get', { roomId: kit.room.id }));
                  if (view.entries.every((e) => e.state === 'published')) return 'done' as const;
                  // The clock runs 3 minutes a pass: on a busy machine a queued entry can outlive its
                  // draft's freshness window, and a person then says "send anyway".
                  for (const entry of view.entries.filter((e) => e.waitReason === 'stale')) {
                    await core.as(kit.writer).dispatch('outbox.confirmStale', { id: entry.id });
                  }
                  clock.tick(3 * 60_000);
                  await new Promise<void>((resolve) => {
                    const off = core.events.subscribe((name) => name === 'outbox.changed' && (off(), resolve()));
                    setTimeout(() => (off(), resolve()), 150);
                  });
                }
              })();
              const outcome = await Promise.race([settled, crashedNow.then(() => 'crashed' as const)]);
              lifeOver = true;
              await settled.catch(() => undefined);
              await core.close();
              if (outcome === 'done') break;
              crashedNow = new Promise<void>((resolve) => (crashed = resolve));
              core = open(strike);
            }
            for (const entry of entries) expect(remote.postsOf(entry.id)).toBe(1);
            expect(remote.posts).toHaveLength(entries.length);
          } finally {
            rmSync(dataDir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 300_000);
});
