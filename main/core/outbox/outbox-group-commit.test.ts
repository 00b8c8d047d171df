import { describe, expect, it, vi } from 'vitest';
import type { EntryView } from '../../../shared/publishing/outbox';
import { tempCoresPerTest } from '../testing/temp-core';
import { setUpOutbox } from './testing/outbox-test-kit';

const createTempCore = tempCoresPerTest();

describe('acknowledgements that land together', () => {
  it('share one durable commit, and each still has its record, its link and its audit line', async () => {
    const kit = await setUpOutbox(createTempCore);
    const mastodon = kit.mastodon;
    if (!mastodon) throw new Error('the in-memory Mastodon account is missing');
    const entries: EntryView[] = [];
    for (let i = 0; i < 5; i += 1) {
      const draft = await kit.approvedDraft(`Réponse ${i}`);
      entries.push(
        ...(await kit.core
          .as(kit.writer)
          .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [mastodon.id] })),
      );
    }
    // Counted from here: the five sends go out in one pass and their answers arrive together.
    const pragma = vi.spyOn(kit.core.db, 'pragma');
    kit.clock.tick(10_000);
    const view = await kit.until((v) => v.entries.every((e) => e.state === 'published'));
    const durableCommits = pragma.mock.calls.filter(([setting]) => setting === 'synchronous = FULL').length;
    pragma.mockRestore();

    expect(durableCommits).toBe(1);
    expect(view.entries.map((e) => e.remoteUrl?.startsWith('https:'))).toEqual(entries.map(() => true));
    const audit = await kit.call<{ type: string }[]>('audit.list', { roomId: kit.room.id });
    expect(audit.filter((line) => line.type === 'published_channel')).toHaveLength(5);
  });
});
