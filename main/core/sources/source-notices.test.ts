import { describe, expect, it } from 'vitest';
import type { Item } from '../../../shared/domain/item';
import type { Room } from '../../../shared/rooms/room';
import type { HealthNotice, Source } from '../../../shared/sources/source';
import type { IngestRuntime, PollOutcome } from '../ingest/pipeline/ingest-runtime';
import { tempCoresPerTest, valueOf, waitForEvent } from '../testing/temp-core';

const createTempCore = tempCoresPerTest();
const recovered: HealthNotice = { key: 'recoveredMalformed', params: { count: 37, line: 12, cut: 0 } };

describe("a source's health notices and its items' headlines", () => {
  it('stores the headline, keeps the notices through a 304, and clears them after a clean poll', async () => {
    const answers: Array<Omit<PollOutcome, 'sourceId'>> = [
      {
        items: [
          {
            extId: 'a',
            url: 'https://news.example.com/a',
            authorHandle: null,
            authorName: null,
            title: 'Vote tonight',
            text: 'Vote tonight The count starts at 8.',
            html: '<p>The count starts at 8.</p>',
            language: 'en',
            publishedAt: 1_700_000_000_000,
            engagement: {},
            mediaUrls: [],
          },
        ],
        state: { etag: '"1"', lastModified: null, cursor: null },
        result: { kind: 'ok', notices: [recovered] },
        retryAfterMs: null,
        maxAgeMs: null,
        hasMore: false,
      },
      {
        items: [],
        state: { etag: '"1"', lastModified: null, cursor: null },
        result: { kind: 'not_modified' },
        retryAfterMs: null,
        maxAgeMs: null,
        hasMore: false,
      },
      {
        items: [],
        state: { etag: '"2"', lastModified: null, cursor: null },
        result: { kind: 'ok' },
        retryAfterMs: null,
        maxAgeMs: null,
        hasMore: false,
      },
    ];
    let polls = 0;
    const runtime: IngestRuntime = {
      poll: async (job) => {
        const answer = answers[Math.min(polls, answers.length - 1)];
        polls += 1;
        if (!answer) throw new Error('no scripted answer');
        return { sourceId: job.sourceId, ...answer };
      },
      startStream: () => {},
      stopStream: () => {},
      close: async () => {},
    };
    const core = createTempCore(undefined, { ingestRuntime: runtime });
    const room = valueOf<Room>(
      await core.dispatch('rooms.create', { name: 'R', startsAt: 1, endsAt: 2, timeZone: 'UTC', language: 'en' }),
    );
    const polled = (n: number) => waitForEvent(core, 'sources.changed', () => polls >= n);
    const first = polled(1);
    const source = valueOf<Source>(
      await core.dispatch('sources.add', {
        roomId: room.id,
        label: 'F',
        config: { kind: 'feed', url: 'https://f.example.com/' },
      }),
    );
    expect((await first).source.health.notices).toEqual([recovered]);
    const items = valueOf<Item[]>(await core.dispatch('items.latest', { roomId: room.id }));
    expect(items[0]).toMatchObject({ title: 'Vote tonight', text: 'Vote tonight The count starts at 8.' });

    const second = polled(2);
    await core.dispatch('sources.pollNow', { id: source.id });
    expect((await second).source.health.notices).toEqual([recovered]);

    const third = polled(3);
    await core.dispatch('sources.pollNow', { id: source.id });
    expect((await third).source.health.notices).toEqual([]);
    const listed = valueOf<Source[]>(await core.dispatch('sources.list', { roomId: room.id }));
    expect(listed[0]?.health.notices).toEqual([]);
  });
});
