import { describe, expect, it } from 'vitest';
import type { Room } from '../../../shared/rooms/room';
import type { Source } from '../../../shared/sources/source';
import { tempCoresPerTest, valueOf } from '../testing/temp-core';

const createTempCore = tempCoresPerTest();

describe('sources.list beyond 500 sources', () => {
  it('pages a room of 1,200 sources in a stable order, none missing, none twice', async () => {
    // One clock value for all: ties on created_at are broken by id, and paging must survive them.
    const core = createTempCore(() => 1_700_000_000_000);
    const room = valueOf<Room>(
      await core.dispatch('rooms.create', { name: 'Agency', startsAt: 1, endsAt: 2, timeZone: 'UTC', language: 'en' }),
    );
    const added: string[] = [];
    for (let n = 0; n < 1200; n += 1) {
      const source = valueOf<Source>(
        await core.dispatch('sources.add', {
          roomId: room.id,
          label: `Feed ${n}`,
          config: { kind: 'feed', url: `https://news${n}.example.com/rss` },
        }),
      );
      added.push(source.id);
    }

    const first = valueOf<Source[]>(await core.dispatch('sources.list', { roomId: room.id }));
    expect(first).toHaveLength(1000);
    const last = first.at(-1);
    if (!last) throw new Error('empty page');
    const second = valueOf<Source[]>(
      await core.dispatch('sources.list', {
        roomId: room.id,
        after: { createdAt: last.createdAt, id: last.id },
      }),
    );
    expect(second).toHaveLength(200);
    const seen = [...first, ...second].map((source) => source.id);
    expect(new Set(seen).size).toBe(1200);
    expect([...seen].sort()).toEqual([...added].sort());

    // A source removed between two pages does not lose the place.
    const small = valueOf<Source[]>(await core.dispatch('sources.list', { roomId: room.id, limit: 10 }));
    const tenth = small.at(-1);
    if (!tenth) throw new Error('empty page');
    valueOf(await core.dispatch('sources.remove', { id: tenth.id }));
    const next = valueOf<Source[]>(
      await core.dispatch('sources.list', {
        roomId: room.id,
        after: { createdAt: tenth.createdAt, id: tenth.id },
        limit: 10,
      }),
    );
    expect(next.map((source) => source.id)).toEqual(seen.slice(10, 20));
  });

  it('refuses a page size beyond the cap', async () => {
    const core = createTempCore();
    expect(await core.dispatch('sources.list', { roomId: 'r', limit: 5000 })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'limit',
    });
  });
});
