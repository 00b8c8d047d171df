import { describe, expect, it } from 'vitest';
import { tempCoresPerTest, createTestRoom, valueOf } from '../../testing/temp-core';
import { createColumnRepository } from '../../columns/column-repository';
import { openReadDb } from '../../db/read-db';
import { createColumnMembership } from './column-membership';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const createTempCore = tempCoresPerTest();

describe('column membership of new items', () => {
  it('matches each new item to the columns whose query and filters it meets, within the id range only', async () => {
    const core = createTempCore(() => t0, { startIngest: false });
    const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
    const room = await createTestRoom(core, t0, { hours: 1 });
    const source = await call<{ id: string }>('sources.add', {
      roomId: room.id,
      label: 'Wire',
      config: { kind: 'feed', url: 'https://wire.example.com/f' },
    });
    const column = (name: string, query: string, filters = {}, alert: unknown = null) =>
      call<{ id: string }>('columns.create', { roomId: room.id, name, query, filters, alert });
    const tag = await column('Blackout tag', '#blackout');
    const word = await column('Referee', 'arbitre', {}, { minPosts: 2, withinMinutes: 5 });
    const tagAndWord = await column('Tag and word', '#blackout stade');
    const english = await column('English', '', { languages: ['en'] });
    const everything = await column('Everything', '');

    const insert = core.db.prepare(
      `INSERT INTO items (room_id, source_id, ext_id, text, language, published_at, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const add = (text: string, language = 'fr') =>
      Number(insert.run(room.id, source.id, text, text, language, t0, t0).lastInsertRowid);
    const before = add('#Blackout déjà vu avant');
    const blackout = add('Coupure au stade #Blackout');
    const referee = add("L'arbitre siffle");
    const bare = add('blackout sans dièse');
    const other = add('Lights out', 'en');

    const read = openReadDb(core.db);
    const membership = createColumnMembership(read.db, createColumnRepository(core.db));
    const { columns, byItem } = membership.of(room.id, before, other);
    expect(columns.map((c) => c.id).sort()).toEqual([tag.id, word.id, tagAndWord.id, english.id, everything.id].sort());
    // Watch rules travel with the columns, for detection to judge.
    expect(columns.filter((c) => c.alert !== null)).toEqual([
      { id: word.id, alert: { minPosts: 2, withinMinutes: 5 } },
    ]);
    expect(byItem.has(before)).toBe(false);
    expect(byItem.get(blackout)?.sort()).toEqual([tag.id, tagAndWord.id, everything.id].sort());
    expect(byItem.get(referee)?.sort()).toEqual([word.id, everything.id].sort());
    expect(byItem.get(bare)).toEqual([everything.id]);
    expect(byItem.get(other)?.sort()).toEqual([english.id, everything.id].sort());
  });
});
