import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQueryTestDb, t0, type Db } from './testing/query-test-db';
import { combineMinuteCounts } from '../../../../shared/columns/minute-counts';
import type { QueryFilters } from '../../../../shared/query/filters';
import { newestMatching, toAst, toSqlWhere, volumePerMinute } from './index';
import { maxPrefixExpansion, prefixExpander } from './prefix-expansion';

const minute = 60_000;
const openDb = openQueryTestDb;

let counter = 0;
function insert(db: Db, text: string, at: number, source = 's1', room = 'r1', media = false): number {
  counter += 1;
  const result = db
    .prepare(
      `INSERT INTO items (room_id, source_id, ext_id, author_handle, text, language, published_at, fetched_at, has_media)
      VALUES (?, ?, ?, 'someone', ?, 'fr', ?, ?, ?)`,
    )
    .run(room, source, `e${counter}`, text, at, at, media ? 1 : 0);
  return Number(result.lastInsertRowid);
}

function plainNewest(db: Db, query: string, filters: QueryFilters, limit: number, room = 'r1'): number[] {
  const where = toSqlWhere(room, toAst(query), filters);
  const rows = db
    .prepare(`SELECT id FROM items i WHERE ${where.sql} ORDER BY published_at DESC, id DESC LIMIT ${limit}`)
    .all(...where.params);
  return (rows as Array<{ id: number }>).map((row) => row.id);
}

function plainPerMinute(
  db: Db,
  query: string | null,
  from: number,
  to: number,
  filters: QueryFilters = {},
): Array<{ minute: number; count: number }> {
  const where = toSqlWhere('r1', toAst(query ?? ''), { ...filters, timeRange: { from, to } });
  return db
    .prepare(
      `SELECT published_at - published_at % ${minute} AS minute, count(*) AS count FROM items i WHERE ${where.sql} GROUP BY 1 ORDER BY 1`,
    )
    .all(...where.params) as Array<{ minute: number; count: number }>;
}

function countsFromItems(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT room_id, published_at - published_at % ${minute} AS minute, source_id, count(*) AS count FROM items GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
}

function countsTable(db: Db): unknown[] {
  return db.prepare('SELECT room_id, minute, source_id, count FROM item_minute_counts ORDER BY 1, 2, 3').all();
}

describe('per-minute counts table', () => {
  let db: Db;
  beforeEach(() => {
    db = openDb();
  });
  afterEach(() => db.close());

  it('stays equal to counting the items after inserts, updates and deletes', () => {
    const ids: number[] = [];
    for (let n = 0; n < 300; n += 1) ids.push(insert(db, `item ${n}`, t0 + n * 7_000, n % 3 ? 's1' : 's2', 'r1'));
    for (let n = 0; n < 50; n += 1) insert(db, `other ${n}`, t0 + n * 11_000, 's3', 'r2');
    expect(countsTable(db)).toEqual(countsFromItems(db));
    db.prepare('DELETE FROM items WHERE id % 4 = 0').run();
    expect(countsTable(db)).toEqual(countsFromItems(db));
    db.prepare('UPDATE items SET published_at = published_at + 95000 WHERE id % 5 = 1').run();
    db.prepare("UPDATE items SET source_id = 's2' WHERE id % 7 = 2 AND room_id = 'r1'").run();
    db.prepare("UPDATE items SET text = 'edited' WHERE id % 3 = 0").run();
    expect(countsTable(db)).toEqual(countsFromItems(db));
    db.prepare("DELETE FROM rooms WHERE id = 'r2'").run();
    expect(countsTable(db)).toEqual(countsFromItems(db));
    db.prepare('DELETE FROM items').run();
    expect(countsTable(db)).toEqual([]);
  });

  it('keeps id-block time bounds around every item', () => {
    for (let n = 0; n < 3000; n += 1) insert(db, `x ${n}`, t0 + ((n * 7919) % 3000) * 1000, 's1', n % 2 ? 'r1' : 'r2');
    db.prepare('UPDATE items SET published_at = published_at - 5000000 WHERE id % 9 = 0').run();
    const outside = db
      .prepare(
        `SELECT count(*) AS n FROM items i LEFT JOIN item_id_blocks b ON b.room_id = i.room_id AND b.block = i.id >> 10
        WHERE b.block IS NULL OR i.published_at < b.min_published OR i.published_at > b.max_published`,
      )
      .get();
    expect(outside).toEqual({ n: 0 });
  });
});

describe('volumePerMinute', () => {
  it('agrees with plain SQL for every path (counts table, narrow index, row checks)', () => {
    const db = openDb();
    db.transaction(() => {
      for (let n = 0; n < 2000; n += 1) {
        const words = ['blackout', 'panne', 'arbitre', '#Pub', 'pub'];
        const text = `${words[n % 5] ?? ''} ${words[(n * 3) % 5] ?? ''} ${n}`;
        insert(db, text, t0 + ((n * 37) % 2000) * 2_500, n % 4 ? 's1' : 's2', 'r1', n % 6 === 0);
        if (n % 10 === 0) insert(db, text, t0 + n * 1000, 's3', 'r2');
      }
    })();
    const ranges: Array<[number, number]> = [
      [t0, t0 + 90 * minute],
      [t0 + 12_345, t0 + 40 * minute + 999],
      [t0 + 5 * minute + 1, t0 + 5 * minute + 30_000],
      [t0 - 10 * minute, t0 + 3 * minute],
    ];
    const cases: Array<[string | null, QueryFilters]> = [
      [null, {}],
      [null, { sources: ['s2'] }],
      [null, { alliedOnly: true }],
      [null, { hasMedia: true }],
      ['blackout', {}],
      ['arbit*', {}],
      ['blackout OR panne', { alliedOnly: true }],
      ['#pub', {}],
      ['-pub', {}],
      // Counted by parts: all minus the negated part, and A + B − (A AND B).
      ['-#pub', { sources: ['s2'] }],
      ['-blackout', { hasMedia: true }],
      ['#pub OR blackout', {}],
      ['#pub OR -panne', { alliedOnly: true }],
    ];
    for (const [from, to] of ranges) {
      for (const [query, filters] of cases) {
        expect(
          volumePerMinute(db, 'r1', query, { from, to }, filters),
          `${String(query)} ${JSON.stringify(filters)} ${from}`,
        ).toEqual(plainPerMinute(db, query, from, to, filters));
      }
    }
    expect(volumePerMinute(db, 'r1', null, { from: t0 + minute, to: t0 + minute })).toEqual([]);
    db.close();
  });

  it('counts up to an id, and what was stored after it, adding up to the whole on every path', () => {
    const db = openDb();
    const words = ['blackout', 'panne', 'arbitre', '#Pub', 'pub'];
    const ids: number[] = [];
    db.transaction(() => {
      for (let n = 0; n < 1500; n += 1) {
        const text = `${words[n % 5] ?? ''} ${words[(n * 7) % 5] ?? ''} ${n}`;
        // Stored out of time order (late feed items, backfills): ids and minutes disagree.
        ids.push(insert(db, text, t0 + ((n * 53) % 1500) * 3_000, n % 4 ? 's1' : 's2', 'r1', n % 6 === 0));
        if (n % 7 === 0) insert(db, text, t0 + n * 1000, 's3', 'r2');
      }
    })();
    const newest = Number(db.prepare('SELECT max(id) FROM items').pluck().get());
    const range = { from: t0 + 30_000, to: t0 + 70 * minute };
    const cases: Array<[string | null, QueryFilters]> = [
      [null, {}],
      [null, { sources: ['s2'] }],
      ['blackout', {}],
      ['blackout OR panne', { hasMedia: true }],
      ['#pub', {}],
      ['#pub arbitre', {}],
      ['-pub', {}],
    ];
    for (const cut of [0, ids[1] ?? 0, ids[700] ?? 0, newest]) {
      for (const [query, filters] of cases) {
        const label = `${String(query)} ${JSON.stringify(filters)} cut ${cut}`;
        const upTo = volumePerMinute(db, 'r1', query, range, filters, { through: cut });
        const since = volumePerMinute(db, 'r1', query, range, filters, { after: cut, through: newest });
        const where = toSqlWhere('r1', toAst(query ?? ''), { ...filters, timeRange: range });
        const plain = db
          .prepare(
            `SELECT published_at - published_at % ${minute} AS minute, count(*) AS count FROM items i
              WHERE ${where.sql} AND i.id <= ? GROUP BY 1 ORDER BY 1`,
          )
          .all(...where.params, cut);
        expect(upTo, label).toEqual(plain);
        expect(combineMinuteCounts(upTo, since, 1, range), label).toEqual(
          volumePerMinute(db, 'r1', query, range, filters),
        );
      }
    }
    db.close();
  });
});

describe('newestMatching over many id blocks', () => {
  it('stays exact with backfills, future-dated items, other rooms, time ranges and paging', () => {
    const db = openDb();
    db.transaction(() => {
      for (let n = 0; n < 20; n += 1) insert(db, `blackout futur ${n}`, t0 + 50_000_000 + n);
      for (let n = 0; n < 6000; n += 1) {
        insert(db, n % 3 ? `blackout live ${n}` : `autre ${n}`, t0 + n * 1000, n % 5 ? 's1' : 's2');
        if (n % 4 === 0) insert(db, `blackout ailleurs ${n}`, t0 + n * 1000, 's3', 'r2');
      }
      for (let n = 0; n < 2500; n += 1) insert(db, `blackout backfill ${n}`, t0 - 2_000_000 + n * 10);
    })();
    const cases: Array<[string, QueryFilters]> = [
      ['blackout', {}],
      ['blackout -backfill', {}],
      ['backfill', {}],
      ['futur OR autre', {}],
      ['blackout', { alliedOnly: true }],
      ['blackout', { timeRange: { from: t0 + 100_000, to: t0 + 2_000_000 } }],
      ['live', { timeRange: { to: t0 } }],
      ['blac*', {}],
      ['introuvable', {}],
    ];
    for (const [query, filters] of cases) {
      for (const limit of [1, 50, 700]) {
        const got = newestMatching(db, 'r1', query, filters, { limit }).map((item) => item.id);
        expect(got, `${query} ${limit}`).toEqual(plainNewest(db, query, filters, limit));
      }
    }
    // Paging through a whole column gives every match once, in order.
    const all: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = newestMatching(db, 'r1', 'blackout', {}, { limit: 400, beforeId: before }).map((item) => item.id);
      all.push(...page);
      const last = page.at(-1);
      if (last === undefined) break;
      before = last;
    }
    expect(all).toEqual(plainNewest(db, 'blackout', {}, 100_000));
    expect(newestMatching(db, 'r2', 'blackout', {}, { limit: 5 }).map((item) => item.id)).toEqual(
      plainNewest(db, 'blackout', {}, 5, 'r2'),
    );
    db.close();
  });
});

describe('prefix expansion', () => {
  it('lists the words of a plain stem, and gives up on many words or non-ASCII stems', () => {
    const db = openDb();
    insert(db, 'arbitre arbitrage Arbitré', t0);
    for (let n = 0; n < maxPrefixExpansion + 5; n += 1) insert(db, `zz${n}`, t0 + n);
    const expand = prefixExpander(db);
    expect(expand('Arbit')).toEqual(['arbitrage', 'arbitre']);
    expect(expand('arbitz')).toEqual([]);
    expect(expand('zz')).toBeNull();
    expect(expand('zz1')?.length).toBe(11);
    expect(expand('arbitré')).toBeNull();
    expect(newestMatching(db, 'r1', 'zz*', {}, { limit: 100 })).toHaveLength(maxPrefixExpansion + 5);
    expect(newestMatching(db, 'r1', 'arbitz*', {}, { limit: 100 })).toEqual([]);
    expect(newestMatching(db, 'r1', 'ARBITR*', {}, { limit: 100 }).map((item) => item.id)).toEqual(
      plainNewest(db, 'arbitr*', {}, 100),
    );
    db.close();
  });
});

describe('mentions tested in SQL', () => {
  it('agrees with the in-memory matcher on ASCII, non-ASCII, prefixed and missing handles', async () => {
    const { itemMatches } = await import('./match-functions');
    const { parseQuery } = await import('../../../../shared/query/parse-query');
    const db = openDb();
    const handles = [
      'SodaFizz',
      '@SODAFIZZ',
      'sodafizz@mastodon.social',
      'sodafizz.bsky.social',
      'sodafizzz',
      'SódaFizz',
      'sodafızz',
      null,
      'x_sodafizz',
      '@@sodafizz',
      'jean@mastodon.social',
      'Jéan',
    ];
    const add =
      db.prepare(`INSERT INTO items (room_id, source_id, ext_id, author_handle, text, language, published_at, fetched_at)
      VALUES ('r1', 's1', ?, ?, ?, 'fr', ?, ?)`);
    db.transaction(() => {
      for (let n = 0; n < 600; n += 1) {
        const text = n % 2 ? 'var arbitre' : n % 3 ? 'arbitre seul' : 'autre chose';
        add.run(`m${n}`, handles[n % handles.length] ?? null, text, t0 + n * 1000, t0);
      }
    })();
    const stored = db
      .prepare('SELECT id, text, author_handle AS author FROM items ORDER BY published_at DESC, id DESC')
      .all() as Array<{ id: number; text: string; author: string | null }>;
    for (const query of [
      '(var OR arbitre) AND NOT @SodaFizz',
      '@SodaFizz',
      'arbitre @sodafizz',
      '@jean -var',
      '-@SodaFizz',
      '@Jéan',
      'arbitre -@jean -@sodafizz',
    ]) {
      const parsed = parseQuery(query);
      if (!parsed.ok) throw new Error(query);
      const expected = stored.filter((row) => itemMatches(parsed.ast, row.text, row.author)).map((row) => row.id);
      expect(
        newestMatching(db, 'r1', query, {}, { limit: 1000 }).map((item) => item.id),
        query,
      ).toEqual(expected);
      expect(plainNewest(db, query, {}, 1000), query).toEqual(expected);
    }
    db.close();
  });
});
