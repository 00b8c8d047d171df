import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EntryView } from '../../../shared/publishing/outbox';
import { createTempCore, type TestCore } from '../testing/temp-core';
import { crashPlan, crashPoints, settleAcrossCrashes } from './testing/crash-lives';
import { createMemoryNetwork } from './testing/memory-network';
import { setUpOutbox, testClock } from './testing/outbox-test-kit';

/**
 * A crash (the process dies) at every step of every send, again and again, then a restart
 * on the same store: every entry ends published with exactly one remote post.
 */
describe('the outbox under crashes', () => {
  it('makes exactly one remote post per entry whatever step each crash strikes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...crashPoints), { minLength: 1, maxLength: 5 }),
        fc.constantFrom<'mastodon' | 'bluesky'>('mastodon', 'bluesky'),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        async (crashes, network, drafts, lostAnswer) => {
          const dataDir = mkdtempSync(join(tmpdir(), 'riposte-crash-'));
          const clock = testClock();
          const remote = createMemoryNetwork(clock.now);
          const plan = crashPlan(crashes);
          const open = (): TestCore =>
            createTempCore(clock.now, {
              dataDir,
              startIngest: false,
              createPublisher: remote.createPublisher,
              outboxCrashAt: (point) => plan.strike(point),
            });
          try {
            const kit = await setUpOutbox(open, { clock, network: remote });
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
            const view = await settleAcrossCrashes({
              first: kit.core,
              reopen: open,
              plan,
              roomId: kit.room.id,
              writer: kit.writer,
              clock,
            });
            expect(view?.entries.map((e) => [e.state, e.failureReason])).toEqual(
              entries.map(() => ['published', null]),
            );
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
