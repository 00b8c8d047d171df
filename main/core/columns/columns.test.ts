import { describe, expect, it } from 'vitest';
import type { Column, ColumnItemsOutput, ItemState } from '../../../shared/columns/column';
import type { NormalizedItem } from '../../../shared/domain/item';
import type { Room } from '../../../shared/rooms/room';
import type { Source } from '../../../shared/sources/source';
import { createItemWriter } from '../items/item-writer';
import { tempCoresPerTest, waitForEvent } from '../testing/temp-core';

const createTempCore = tempCoresPerTest();

// On a minute boundary, so per-minute buckets fall on base + k minutes.
const base = 1_699_999_980_000;
const post = (extId: string, text: string, minute: number, extra: Partial<NormalizedItem> = {}): NormalizedItem => ({
  extId,
  url: `https://social.example/${extId}`,
  authorHandle: '@fan',
  authorName: 'Fan',
  text,
  html: null,
  language: 'fr',
  publishedAt: base + minute * 60_000,
  engagement: {},
  mediaUrls: [],
  ...extra,
});

async function setUp() {
  const core = createTempCore(() => base + 3_600_000, { startIngest: false });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    return result.value as T;
  };
  const room = await call<Room>('rooms.create', {
    name: 'Final',
    startsAt: 1,
    endsAt: 2,
    timeZone: 'Europe/Paris',
    language: 'fr',
  });
  const source = await call<Source>('sources.add', {
    roomId: room.id,
    label: 'Wire',
    config: { kind: 'feed', url: 'https://news.example.com/feed.xml' },
  });
  const writer = createItemWriter(core.db);
  const write = (items: NormalizedItem[]) => writer.writeBatch(room.id, source.id, items, base);
  write([
    post('1', 'Coup d’envoi au Stade', 0),
    post('2', 'Blackout dans le stade ! #ChaussetteGate', 1, { authorHandle: '@troll' }),
    post('3', 'Panne générale, blackout total', 2, { engagement: { likes: 40, reposts: 2 } }),
    post('4', 'Mi-temps', 3, { mediaUrls: ['https://img.example/a.jpg'] }),
  ]);
  return { core, call, room, source, write };
}

describe('columns', () => {
  it('creates, lists, renames, reorders and removes columns, telling listeners', async () => {
    const { core, call, room } = await setUp();
    const changed = waitForEvent(core, 'columns.changed', (payload) => payload.roomId === room.id);
    const first = await call<Column>('columns.create', {
      roomId: room.id,
      name: ' Blackout ',
      query: 'blackout OR panne',
    });
    await changed;
    const second = await call<Column>('columns.create', { roomId: room.id, name: 'Tout' });
    expect(first).toMatchObject({
      name: 'Blackout',
      query: 'blackout OR panne',
      position: 0,
      paused: false,
      filters: {},
      alert: null,
    });
    expect(second.position).toBe(1);

    // A watch rule is set, kept through other edits, refused when it makes no sense, and removed.
    const watched = await call<Column>('columns.update', { id: second.id, alert: { minPosts: 2, withinMinutes: 5 } });
    expect(watched.alert).toEqual({ minPosts: 2, withinMinutes: 5 });
    expect((await call<Column>('columns.update', { id: second.id, name: 'Tout le direct' })).alert).toEqual({
      minPosts: 2,
      withinMinutes: 5,
    });
    expect(
      await core.dispatch('columns.update', { id: second.id, alert: { minPosts: 0, withinMinutes: 5 } }),
    ).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(
      await core.dispatch('columns.update', { id: second.id, alert: { minPosts: 1, withinMinutes: 600 } }),
    ).toMatchObject({ ok: false, code: 'invalid_input' });
    expect((await call<Column>('columns.update', { id: second.id, alert: null })).alert).toBeNull();

    const renamed = await call<Column>('columns.update', {
      id: first.id,
      name: 'Panne',
      paused: true,
      filters: { hasMedia: true },
    });
    expect(renamed).toMatchObject({
      name: 'Panne',
      paused: true,
      filters: { hasMedia: true },
      query: 'blackout OR panne',
    });

    const reordered = await call<Column[]>('columns.reorder', { roomId: room.id, ids: [second.id, first.id] });
    expect(reordered.map((column) => column.id)).toEqual([second.id, first.id]);
    const stale = await core.dispatch('columns.reorder', { roomId: room.id, ids: [first.id] });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });

    await call('columns.remove', { id: second.id });
    expect((await call<Column[]>('columns.list', { roomId: room.id })).map((column) => column.name)).toEqual(['Panne']);
    expect(await core.dispatch('columns.update', { id: second.id, name: 'x' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('refuses a query that does not parse with a clear error on the query field, storing nothing', async () => {
    const { core, call, room } = await setUp();
    const created = await core.dispatch('columns.create', { roomId: room.id, name: 'Bad', query: '"coup franc' });
    expect(created).toMatchObject({ ok: false, code: 'invalid_input', field: 'query' });
    if (created.ok) return;
    expect(created.message).toMatch(/closing quote/i);
    expect(created.message).not.toMatch(/sql|fts5|syntax error/i);
    expect(await call<Column[]>('columns.list', { roomId: room.id })).toEqual([]);

    const items = await core.dispatch('columns.items', { roomId: room.id, query: 'blackout AND (', limit: 10 });
    expect(items).toMatchObject({ ok: false, code: 'invalid_input', field: 'query' });
  });

  it('returns the newest matching items of a column with terms to highlight, and pages on', async () => {
    const { call, room } = await setUp();
    const column = await call<Column>('columns.create', {
      roomId: room.id,
      name: 'Blackout',
      query: 'blackout OR panne',
    });
    const page = await call<ColumnItemsOutput>('columns.items', { roomId: room.id, columnId: column.id, limit: 1 });
    expect(page.items.map((item) => item.extId)).toEqual(['3']);
    expect(page.terms).toEqual(['blackout', 'panne']);
    expect(page.hasMore).toBe(true);
    const rest = await call<ColumnItemsOutput>('columns.items', {
      roomId: room.id,
      columnId: column.id,
      limit: 10,
      beforeId: page.items[0]?.id,
    });
    expect(rest.items.map((item) => item.extId)).toEqual(['2']);
    expect(rest.hasMore).toBe(false);

    const filtered = await call<ColumnItemsOutput>('columns.items', {
      roomId: room.id,
      query: '',
      filters: { minEngagement: 10 },
      limit: 10,
    });
    expect(filtered.items.map((item) => item.extId)).toEqual(['3']);
    const media = await call<ColumnItemsOutput>('columns.items', {
      roomId: room.id,
      filters: { hasMedia: true },
      limit: 10,
    });
    expect(media.items.map((item) => item.extId)).toEqual(['4']);
    const tag = await call<ColumnItemsOutput>('columns.items', {
      roomId: room.id,
      query: '#ChaussetteGate',
      limit: 10,
    });
    expect(tag.items.map((item) => item.extId)).toEqual(['2']);
  });

  it('keeps SQL injection attempts inert, in the query and in the filters', async () => {
    const { core, call, room } = await setUp();
    const attempts = [
      "'; DROP TABLE items; --",
      '" OR 1=1 --',
      'blackout) OR (1=1',
      "x' UNION SELECT * FROM secrets --",
      'NEAR(a b) ^c {text}: blackout',
      'text:blackout',
    ];
    for (const query of attempts) {
      const result = await core.dispatch('columns.items', { roomId: room.id, query, limit: 50 });
      if (result.ok) {
        // Read as plain words: nothing in the room says them, so nothing comes back.
        expect((result.value as ColumnItemsOutput).items.length).toBeLessThan(4);
      } else {
        expect(result).toMatchObject({ code: 'invalid_input', field: 'query' });
        expect(result.message).not.toMatch(/sqlite|fts5/i);
      }
    }
    const sources = await core.dispatch('columns.items', {
      roomId: room.id,
      filters: { sources: ["x' OR '1'='1"], languages: ["fr' OR 1=1 --"] },
      limit: 50,
    });
    expect(sources).toMatchObject({ ok: true, value: { items: [] } });
    const count = core.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number };
    expect(count.n).toBe(4);
    expect((await call<ColumnItemsOutput>('columns.items', { roomId: room.id, limit: 50 })).items).toHaveLength(4);
  });

  it('clears a column up to now: older items leave, newer ones still arrive', async () => {
    const { call, room, write } = await setUp();
    const column = await call<Column>('columns.create', { roomId: room.id, name: 'Tout' });
    const cleared = await call<Column>('columns.clear', { id: column.id });
    expect(cleared.clearedThrough).toBe(base + 3 * 60_000);
    expect(
      (await call<ColumnItemsOutput>('columns.items', { roomId: room.id, columnId: column.id, limit: 10 })).items,
    ).toEqual([]);
    write([post('5', 'Deuxième mi-temps', 4)]);
    const after = await call<ColumnItemsOutput>('columns.items', { roomId: room.id, columnId: column.id, limit: 10 });
    expect(after.items.map((item) => item.extId)).toEqual(['5']);
  });

  it('narrows a column to a time range (from inclusive, to exclusive), with the clear point still applied', async () => {
    const { core, call, room, write } = await setUp();
    const column = await call<Column>('columns.create', {
      roomId: room.id,
      name: 'Blackout',
      query: 'blackout OR panne',
    });
    const minute = (from: number, to = from + 1) => ({ from: base + from * 60_000, to: base + to * 60_000 });
    const ids = async (input: Record<string, unknown>) =>
      (await call<ColumnItemsOutput>('columns.items', { roomId: room.id, limit: 10, ...input })).items.map(
        (item) => item.extId,
      );

    expect(await ids({ columnId: column.id, timeRange: minute(1) })).toEqual(['2']);
    expect(await ids({ columnId: column.id, timeRange: minute(1, 3) })).toEqual(['3', '2']);
    // A typed query (the search column) takes the range too.
    expect(await ids({ query: '', timeRange: minute(3) })).toEqual(['4']);
    expect(await ids({ query: '', timeRange: minute(10) })).toEqual([]);

    // Cleared through minute 3: a range before the clear point shows nothing, not the hidden items.
    write([post('5', 'Blackout encore', 4)]);
    await call('columns.clear', { id: column.id });
    expect(await ids({ columnId: column.id, timeRange: minute(1, 3) })).toEqual([]);
    write([post('6', 'Panne de courant', 5)]);
    expect(await ids({ columnId: column.id, timeRange: minute(0, 6) })).toEqual(['6']);

    const backwards = await core.dispatch('columns.items', { roomId: room.id, timeRange: { from: base, to: base } });
    expect(backwards).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('stars, marks handled, assigns, hides noise and hidden authors', async () => {
    const { core, call, room } = await setUp();
    const all = await call<ColumnItemsOutput>('columns.items', { roomId: room.id, limit: 10 });
    const [newest, , troll] = all.items;
    if (!newest || !troll) throw new Error('fixture items missing');
    expect(newest.state).toEqual({ starred: false, handled: false, assignedTo: null, noise: false });

    const changed = waitForEvent(core, 'itemState.changed', (payload) => payload.itemId === newest.id);
    await call('itemState.set', { itemId: newest.id, starred: true, assignedTo: 'Léa' });
    expect((await changed).state).toEqual({ starred: true, handled: false, assignedTo: 'Léa', noise: false });
    const state = (await call<{ state: ItemState }>('itemState.set', { itemId: newest.id, handled: true })).state;
    expect(state).toEqual({ starred: true, handled: true, assignedTo: 'Léa', noise: false });

    await call('itemState.set', { itemId: newest.id, noise: true });
    await call('itemState.hideAuthor', { roomId: room.id, authorHandle: troll.authorHandle });
    expect(await call('itemState.hiddenAuthors', { roomId: room.id })).toEqual(['@troll']);
    const visible = await call<ColumnItemsOutput>('columns.items', { roomId: room.id, limit: 10 });
    expect(visible.items.map((item) => item.extId)).toEqual(['3', '1']);
    await call('itemState.unhideAuthor', { roomId: room.id, authorHandle: '@troll' });
    const back = await call<ColumnItemsOutput>('columns.items', { roomId: room.id, limit: 10 });
    expect(back.items.map((item) => item.extId)).toEqual(['3', '2', '1']);

    expect(await core.dispatch('itemState.set', { itemId: 999_999, starred: true })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('volume', () => {
  it('counts items per minute for the room and for a column query', async () => {
    const { call, room } = await setUp();
    const all = await call<{ from: number; to: number; minutes: { minute: number; count: number }[] }>(
      'columns.volume',
      {
        roomId: room.id,
      },
    );
    expect(all.to).toBe(base + 4 * 60_000);
    expect(all.minutes).toEqual([0, 1, 2, 3].map((minute) => ({ minute: base + minute * 60_000, count: 1 })));
    const column = await call<Column>('columns.create', { roomId: room.id, name: 'Blackout', query: 'blackout' });
    const some = await call<{ minutes: unknown[] }>('columns.volume', { roomId: room.id, columnId: column.id });
    expect(some.minutes).toEqual([
      { minute: base + 60_000, count: 1 },
      { minute: base + 2 * 60_000, count: 1 },
    ]);
    const zoomed = await call<{ minutes: unknown[] }>('columns.volume', {
      roomId: room.id,
      from: base + 2 * 60_000,
      to: base + 3 * 60_000,
    });
    expect(zoomed.minutes).toEqual([{ minute: base + 2 * 60_000, count: 1 }]);
  });

  it('tells which items it counted, and counts only those stored since when asked', async () => {
    const { core, call, room, write } = await setUp();
    type Volume = { from: number; to: number; throughId: number; minutes: { minute: number; count: number }[] };
    const before = await call<Volume>('columns.volume', { roomId: room.id });
    const column = await call<Column>('columns.create', { roomId: room.id, name: 'Blackout', query: 'blackout' });
    // Arrives later but was published in the second minute, as a slow feed's item would be.
    write([post('late', 'blackout encore', 1)]);
    const arrived = await call<Volume>('columns.volume', { roomId: room.id, afterId: before.throughId });
    expect(arrived.throughId).toBeGreaterThan(before.throughId);
    expect(arrived.minutes).toEqual([{ minute: base + 60_000, count: 1 }]);
    const columnUpToBefore = await call<Volume>('columns.volume', {
      roomId: room.id,
      columnId: column.id,
      throughId: before.throughId,
    });
    expect(columnUpToBefore.minutes).toEqual([
      { minute: base + 60_000, count: 1 },
      { minute: base + 2 * 60_000, count: 1 },
    ]);
    const columnSince = await call<Volume>('columns.volume', {
      roomId: room.id,
      columnId: column.id,
      afterId: before.throughId,
    });
    expect(columnSince.minutes).toEqual([{ minute: base + 60_000, count: 1 }]);
    expect(await core.dispatch('columns.volume', { roomId: room.id, afterId: 5, throughId: 4 })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'throughId',
    });
  });
});
