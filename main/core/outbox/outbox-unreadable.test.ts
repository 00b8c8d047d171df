import { describe, expect, it } from 'vitest';
import type { EntryView } from '../../../shared/publishing/outbox';
import { tempCoresPerTest } from '../testing/temp-core';
import { createEntryRepository } from './entry-repository';
import { MAX_IN_FLIGHT } from './outbox-sender';
import { setUpOutbox } from './testing/outbox-test-kit';

const createTempCore = tempCoresPerTest();
const HOLD = 10_000;

/** Two channels queued for one approved draft; the Mastodon one's stored media then stops reading. */
async function oneUnreadableEntry() {
  const kit = await setUpOutbox(createTempCore);
  const draft = await kit.approvedDraft();
  const made = await kit.core
    .as(kit.writer)
    .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id, kit.bluesky.id] });
  const [damaged, sound] = made;
  if (!damaged || !sound) throw new Error('two entries were queued');
  const raw = '[{"name":"podium.png","altText":';
  kit.core.db.prepare('UPDATE outbox_entries SET media = ? WHERE id = ?').run(raw, damaged.id);
  const rawOf = () =>
    kit.core.db
      .prepare<[string], { media: string; state: string }>('SELECT media, state FROM outbox_entries WHERE id = ?')
      .get(damaged.id);
  return { kit, draft, damaged, sound, raw, rawOf };
}

describe('an outbox entry whose stored details no longer read', () => {
  it('is never sent, shows as failed with the reason, and the other channels go out', async () => {
    const { kit, damaged, sound, raw, rawOf } = await oneUnreadableEntry();
    kit.clock.tick(HOLD + 250);
    const view = await kit.until((v) => v.entries.find((e) => e.id === sound.id)?.state === 'published');
    expect(kit.network.posts).toHaveLength(1);
    expect(view.entries.find((e) => e.id === damaged.id)).toMatchObject({
      state: 'failed',
      retryable: false,
      failureProblem: { code: 'entryUnreadable' },
      failureReason: expect.stringContaining('publish the draft again') as unknown,
    });
    // Nothing a person does to it writes over what was stored.
    for (const name of ['outbox.cancel', 'outbox.retry']) {
      expect(await kit.core.as(kit.writer).dispatch(name, { id: damaged.id }), name).toMatchObject({ ok: false });
    }
    expect(rawOf()).toEqual({ media: raw, state: 'queued' });
  });

  it('left `sending` by a crash, does not stop the next start from settling the others', async () => {
    const { kit, damaged, sound } = await oneUnreadableEntry();
    kit.core.db.prepare("UPDATE outbox_entries SET state = 'sending' WHERE id IN (?, ?)").run(damaged.id, sound.id);
    // What the sender's start reads: the entries to settle, without the one that cannot be read.
    const sending = createEntryRepository(kit.core.db).inState('sending');
    expect(sending.map((entry) => entry.id)).toEqual([sound.id]);
  });

  it('never take a sending place: more of them due than the sender sends at once do not hold back the others', async () => {
    const { kit, sound, raw } = await oneUnreadableEntry();
    const repository = createEntryRepository(kit.core.db);
    const readable = repository.get(sound.id);
    if (!readable) throw new Error('the sound entry is stored');
    // Due before the sound one, so they come first in the sender's order.
    for (let index = 0; index < MAX_IN_FLIGHT + 5; index += 1) {
      repository.insert({
        ...readable,
        id: `damaged-${index}`,
        rkey: `damaged${index}`,
        notBefore: readable.notBefore - 1,
      });
    }
    kit.core.db.prepare("UPDATE outbox_entries SET media = ? WHERE id LIKE 'damaged-%'").run(raw);
    kit.clock.tick(HOLD + 250);
    await kit.until((v) => v.entries.find((e) => e.id === sound.id)?.state === 'published');
    expect(kit.network.posts).toHaveLength(1);
  });

  it('an account whose stored limits do not read lists with none known, and the outbox still opens', async () => {
    const kit = await setUpOutbox(createTempCore);
    kit.core.db.prepare('UPDATE publish_accounts SET limits = \'{"maxChars":5\' WHERE id = ?').run(kit.mastodon.id);
    const view = await kit.outbox();
    expect(view.accounts.find((account) => account.id === kit.mastodon.id)).toMatchObject({ limits: null });
    expect(view.accounts).toHaveLength(2);
  });
});
