import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountView, EntryView } from '../../../shared/publishing/outbox';
import { createPublisher } from '../networks/publishing/create-publisher';
import { startBlueskyPdsServer } from '../networks/testing/bluesky-pds-server';
import { createTempCore, type TestCore } from '../testing/temp-core';
import { crashPlan, crashPoints, settleAcrossCrashes } from './testing/crash-lives';
import { setUpOutbox, testClock } from './testing/outbox-test-kit';

/**
 * The crash property again, with the real Bluesky client against the local PDS: the process
 * dies at every step of a send, again and again (and an answer may be lost after the PDS
 * wrote the record), each restart resumes the saved session, and every entry still ends
 * published with exactly one record under its own key. A blind resend would show here as the
 * PDS's HTTP 500 on an existing key; a lost answer on the last allowed try as an entry failed
 * although its record is out.
 */
describe('the outbox under crashes, publishing to a Bluesky PDS', () => {
  it('makes exactly one record per entry whatever step each crash strikes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...crashPoints), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        async (crashes, drafts, lostAnswer) => {
          const dataDir = mkdtempSync(join(tmpdir(), 'riposte-crash-bsky-'));
          const clock = testClock();
          const pds = await startBlueskyPdsServer({ now: clock.now });
          const plan = crashPlan(crashes);
          const open = (): TestCore =>
            createTempCore(clock.now, {
              dataDir,
              startIngest: false,
              createPublisher,
              outboxCrashAt: (point) => plan.strike(point),
            });
          try {
            const kit = await setUpOutbox(open, { clock, addAccounts: false });
            const account = await kit.core.as(kit.lead).call<AccountView>('accounts.addBluesky', {
              roomId: kit.room.id,
              service: pds.origin,
              identifier: pds.handle,
              appPassword: pds.appPassword,
            });
            const entries: EntryView[] = [];
            for (let i = 0; i < drafts; i += 1) {
              const draft = await kit.approvedDraft(`Réponse ${i} ✨`);
              entries.push(
                ...(await kit.core
                  .as(kit.writer)
                  .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [account.id] })),
              );
            }
            if (lostAnswer) pds.dropAfterCommit(1);
            clock.tick(10_000);
            const view = await settleAcrossCrashes({
              first: kit.core,
              reopen: open,
              plan,
              roomId: kit.room.id,
              writer: kit.writer,
              clock,
            });
            const settled = view?.entries ?? [];
            expect(settled.map((e) => [e.state, e.failureReason])).toEqual(entries.map(() => ['published', null]));
            expect(pds.records.size).toBe(entries.length);
            for (const record of pds.records.values()) expect(pds.createsPerKey(record.rkey)).toBe(1);
            const urls = new Set(settled.map((e) => e.remoteUrl));
            for (const record of pds.records.values()) {
              expect(urls).toContain(`https://bsky.app/profile/${pds.handle}/post/${record.rkey}`);
            }
            // Sessions, not logins: the one login made when the account was added.
            expect(pds.logins).toBe(1);
          } finally {
            await pds.close();
            rmSync(dataDir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);
});
