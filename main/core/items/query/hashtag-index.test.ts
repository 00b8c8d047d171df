import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { QueryFilters } from '../../../../shared/query/filters';
import { parseQuery } from '../../../../shared/query/parse-query';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { registerStoreFunctions } from '../../db/store-functions';
import { createItemWriter } from '../item-writer';
import { hashtagsOf } from '../../../../shared/domain/hashtags';
import { compileQuery, newestMatching, toSqlWhere, volumePerMinute } from './index';
import { itemMatches } from './match-functions';
import { toAst } from './newest-matching';
import { insertItem as insert, openQueryTestDb, t0, type Db } from './testing/query-test-db';
import { queryTexts } from './testing/query-arbitrary';

const minute = 60_000;

/** item_hashtags as the items say it should be, and as it is. */
function expectedRows(db: Db): string[] {
  const items = db.prepare('SELECT id, room_id, published_at, text FROM items').all() as Array<{
    id: number;
    room_id: string;
    published_at: number;
    text: string;
  }>;
  return items
    .flatMap((item) => hashtagsOf(item.text).map((tag) => `${item.room_id} ${tag} ${item.published_at} ${item.id}`))
    .sort();
}

function storedRows(db: Db): string[] {
  return (db.prepare('SELECT room_id, tag, published_at, item_id FROM item_hashtags').raw().all() as unknown[][])
    .map((row) => row.join(' '))
    .sort();
}

interface Stored {
  id: number;
  text: string;
  author: string | null;
  at: number;
  media: number;
}

function storedItems(db: Db, room = 'r1'): Stored[] {
  return db
    .prepare(
      `SELECT id, text, author_handle AS author, published_at AS at, has_media AS media FROM items
      WHERE room_id = ? ORDER BY published_at DESC, id DESC`,
    )
    .all(room) as Stored[];
}

/** What the JS matcher says, read from the text: the reference for both SQL paths. */
function expectedIds(db: Db, query: string, filters: QueryFilters = {}): number[] {
  const ast = toAst(query);
  return storedItems(db)
    .filter((row) => !filters.hasMedia || row.media === 1)
    .filter((row) => itemMatches(ast, row.text, row.author))
    .map((row) => row.id);
}

function expectedMinutes(db: Db, query: string, from: number, to: number, filters: QueryFilters = {}) {
  const counts = new Map<number, number>();
  const ast = toAst(query);
  for (const row of storedItems(db).reverse()) {
    if (row.at < from || row.at >= to || (filters.hasMedia && row.media !== 1)) continue;
    if (!itemMatches(ast, row.text, row.author)) continue;
    const bucket = row.at - (row.at % minute);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => a[0] - b[0]).map(([at, count]) => ({ minute: at, count }));
}

const newest = (db: Db, query: string, filters: QueryFilters = {}, limit = 1000) =>
  newestMatching(db, 'r1', query, filters, { limit }).map((item) => item.id);

function plainIds(db: Db, query: string, filters: QueryFilters = {}): number[] {
  const where = toSqlWhere('r1', toAst(query), filters);
  return (
    db
      .prepare(`SELECT id FROM items i WHERE ${where.sql} ORDER BY published_at DESC, id DESC`)
      .all(...where.params) as Array<{ id: number }>
  ).map((row) => row.id);
}

describe('item_hashtags', () => {
  it('follows inserts, updates, deletes and room deletion', () => {
    const db = openQueryTestDb();
    const texts = ['#Pub et #pub', 'rien', '#FuitePalmarès', 'C# ##x', '#a_b-c #Été', 'pub #VAR2026'];
    db.transaction(() => {
      for (let n = 0; n < 300; n += 1) {
        insert(db, { text: `${texts[n % texts.length] ?? ''} ${n}`, at: t0 + n * 1000, room: n % 4 ? 'r1' : 'r2' });
      }
    })();
    expect(storedRows(db)).toEqual(expectedRows(db));
    expect(storedRows(db).length).toBeGreaterThan(200);
    db.prepare("UPDATE items SET text = '#Nouveau ' || text WHERE id % 5 = 0").run();
    db.prepare("UPDATE items SET text = 'plus rien' WHERE id % 7 = 0").run();
    db.prepare('UPDATE items SET published_at = published_at + 95000 WHERE id % 3 = 0').run();
    db.prepare("UPDATE items SET room_id = 'r2', source_id = 's3' WHERE id % 11 = 0").run();
    db.prepare('UPDATE items SET likes = 3 WHERE id % 2 = 0').run();
    expect(storedRows(db)).toEqual(expectedRows(db));
    db.prepare('DELETE FROM items WHERE id % 4 = 1').run();
    expect(storedRows(db)).toEqual(expectedRows(db));
    db.prepare("DELETE FROM rooms WHERE id = 'r2'").run();
    expect(storedRows(db)).toEqual(expectedRows(db));
    db.prepare('DELETE FROM items').run();
    expect(storedRows(db)).toEqual([]);
    db.close();
  });

  it('gets the same rows from the item writer, which writes them itself, as from the trigger', () => {
    const db = openQueryTestDb();
    const texts = ['#Pub et #pub', 'rien', '#FuitePalmarès !', 'C# ##x', '#a_b-c #Été', '#ΟΔΟΣ.Α #ΟΔΟΣ'];
    const item = (n: number): NormalizedItem => ({
      extId: `w${n}`,
      url: null,
      authorHandle: null,
      authorName: null,
      text: `${texts[n % texts.length] ?? ''} ${n}`,
      html: null,
      language: null,
      publishedAt: t0 + n * 1000,
      engagement: {},
      mediaUrls: [],
    });
    const writer = createItemWriter(db);
    const batch = Array.from({ length: 60 }, (_, n) => item(n));
    expect(writer.writeBatch('r1', 's1', batch, t0).inserted).toBe(60);
    // Again: nothing new, no rows twice.
    expect(writer.writeBatch('r1', 's1', [...batch, item(60)], t0).inserted).toBe(1);
    const byWriter = storedRows(db);
    expect(byWriter).toEqual(expectedRows(db));
    // A failed batch leaves the trigger on too.
    expect(() => writer.writeBatch('r1', 'no-such-source', [item(99)], t0)).toThrow(/FOREIGN KEY/);
    // The same texts through the trigger, on the same connection after the writer is done.
    for (let n = 0; n < 61; n += 1) insert(db, { text: item(n).text, at: item(n).publishedAt, room: 'r2' });
    expect(storedRows(db)).toEqual(expectedRows(db));
    const tagsAndTimes = (room: string) =>
      (
        db
          .prepare('SELECT tag, published_at FROM item_hashtags WHERE room_id = ? ORDER BY 1, 2')
          .raw()
          .all(room) as unknown[][]
      ).map((row) => row.join(' '));
    expect(tagsAndTimes('r2')).toEqual(tagsAndTimes('r1'));
    expect(tagsAndTimes('r1')).toContain(`οδοσ ${t0 + 5000}`);
    db.close();
  });

  it('is filled for existing items by the migration', () => {
    const db = new Database(':memory:');
    const migration = (name: string) => readFileSync(new URL(`../../db/migrations/${name}`, import.meta.url), 'utf8');
    for (const name of ['0001_init.sql', '0002_sources_items.sql', '0007_query_speed.sql']) db.exec(migration(name));
    db.prepare("INSERT INTO rooms VALUES ('r1', 'Finale', 0, 1, 'Europe/Paris', 'fr', NULL, 0, 0)").run();
    db.prepare(
      "INSERT INTO sources (id, room_id, kind, label, config, created_at, updated_at) VALUES ('s1', 'r1', 'feed', 'S1', '{}', 0, 0)",
    ).run();
    for (let n = 0; n < 50; n += 1) insert(db, { text: n % 3 ? `#Tag${n % 4} #FuitePalmarès` : 'sans', at: t0 + n });
    registerStoreFunctions(db);
    db.exec(migration('0010_item_hashtags.sql'));
    expect(storedRows(db)).toEqual(expectedRows(db));
    expect(storedRows(db)).toHaveLength(2 * 33);
    insert(db, { text: '#après', at: t0 + 100 });
    expect(storedRows(db)).toEqual(expectedRows(db));
    db.close();
  });

  it('makes a connection without riposte_hashtags fail to write items, rather than skip the index', () => {
    const db = openQueryTestDb();
    const file = db.serialize();
    db.close();
    const bare = new Database(file);
    expect(() => insert(bare, { text: 'sans dièse', at: t0 })).toThrow(/no such function: riposte_hashtag/);
    bare.close();
  });
});

describe('hashtag queries', () => {
  it('match accented and differently cased spellings of a tag, and only whole tags', () => {
    const db = openQueryTestDb();
    const at = (m: number) => t0 + m * minute + 500;
    const item = {
      accented: insert(db, { text: 'Le ministère : #FuitePalmarès', at: at(1) }),
      plain: insert(db, { text: 'on en parle #fuitepalmares', at: at(2) }),
      shouted: insert(db, { text: 'FUITE ? #FUITEPALMARES!', at: at(2) }),
      wordOnly: insert(db, { text: 'fuitepalmares sans dièse', at: at(3) }),
      longer: insert(db, { text: '#FuitePalmarèsBis autre chose', at: at(4) }),
      split: insert(db, { text: '#Fuite_Palmarès', at: at(5) }),
      twice: insert(db, { text: '#fuitepalmares et encore #FuitePalmarès', at: at(6), media: true }),
      otherRoom: insert(db, { text: '#FuitePalmarès ailleurs', at: at(6), room: 'r2' }),
      deleted: insert(db, { text: '#FuitePalmarès effacé', at: at(7) }),
    };
    const duplicate = insert(db, {
      text: 'Le ministère : #FuitePalmarès',
      at: at(8),
      source: 's2',
      duplicateOf: item.accented,
    });
    db.prepare('DELETE FROM items WHERE id = ?').run(item.deleted);

    const tagged = [duplicate, item.twice, item.shouted, item.plain, item.accented];
    for (const query of ['#FuitePalmarès', '#fuitepalmares', '#FUITEPALMARES', '#fuitepalmarès']) {
      expect(compileQuery('r1', toAst(query)).hashtag).toBe('fuitepalmares');
      expect(newest(db, query), query).toEqual(tagged);
      expect(plainIds(db, query), query).toEqual(tagged);
      expect(expectedIds(db, query), query).toEqual(tagged);
    }
    expect(newest(db, '#Fuite_Palmarès')).toEqual([item.split]);
    expect(newest(db, '#FuitePalmarèsBis')).toEqual([item.longer]);
    expect(newest(db, 'fuitepalmares -#FuitePalmarès')).toEqual([item.wordOnly]);
    expect(newest(db, '#FuitePalmarès', { hasMedia: true })).toEqual([item.twice]);
    expect(newest(db, '#FuitePalmarès', {}, 2)).toEqual(tagged.slice(0, 2));
    expect(newestMatching(db, 'r1', '#fuitepalmares', {}, { limit: 2, beforeId: item.twice })).toEqual([
      { id: item.shouted, publishedAt: at(2) },
      { id: item.plain, publishedAt: at(2) },
    ]);
    expect(newestMatching(db, 'r2', '#fuitepalmares', {}, { limit: 5 }).map((x) => x.id)).toEqual([item.otherRoom]);
    expect(volumePerMinute(db, 'r1', '#FuitePalmarès', { from: t0, to: t0 + 60 * minute })).toEqual([
      { minute: t0 + minute, count: 1 },
      { minute: t0 + 2 * minute, count: 2 },
      { minute: t0 + 6 * minute, count: 1 },
      { minute: t0 + 8 * minute, count: 1 },
    ]);
    db.close();
  });

  it('agree with the in-memory matcher combined with words, mentions, AND, OR and NOT, on every path', () => {
    const db = openQueryTestDb();
    const words = ['#Pub', 'pub', '#Été', 'ete', '#FuitePalmarès', 'fuitepalmares', 'var', '#VAR', 'arbitre', '#pub!'];
    const texts: string[] = [];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }), {
          minLength: 120,
          maxLength: 120,
        }),
        (rows) => {
          texts.push(...rows.map((row) => row.join(' ')));
        },
      ),
      { numRuns: 1, seed: 5 },
    );
    db.transaction(() => {
      texts.forEach((text, n) => {
        const at = t0 + ((n * 7919) % 120) * 20_000;
        insert(db, { text, at, author: n % 3 ? 'sodafizz' : 'Jéan', media: n % 4 === 0, source: n % 5 ? 's1' : 's2' });
        if (n % 6 === 0) insert(db, { text, at, room: 'r2' });
      });
    })();
    const leaf = fc.constantFrom(
      '#pub',
      '#PUB',
      '#ete',
      '#Été',
      '#fuitepalmares',
      '#FuitePalmarès',
      '#var',
      'var',
      'pub',
      'arbit*',
      '@SodaFizz',
      '@Jéan',
    );
    const query = queryTexts(leaf);
    const shapes = new Set<string>();
    const ranges: Array<[number, number]> = [
      [t0, t0 + 60 * minute],
      [t0 + 90_000, t0 + 17 * minute + 1],
    ];
    fc.assert(
      fc.property(query, fc.boolean(), (typed, media) => {
        const text = String(typed);
        if (!parseQuery(text).ok) return;
        const filters: QueryFilters = media ? { hasMedia: true } : {};
        const compiled = compileQuery('r1', toAst(text), filters);
        shapes.add(`${compiled.hashtag !== null} ${compiled.fts !== null} ${compiled.narrow} ${compiled.bare}`);
        const expected = expectedIds(db, text, filters);
        expect(newest(db, text, filters), text).toEqual(expected);
        expect(plainIds(db, text, filters), text).toEqual(expected);
        for (const [from, to] of ranges) {
          expect(volumePerMinute(db, 'r1', text, { from, to }, filters), text).toEqual(
            expectedMinutes(db, text, from, to, filters),
          );
        }
      }),
      { numRuns: 400, seed: 3 },
    );
    for (const fixed of ['#pub', '#pub #ete', '#pub -#ete', '#pub @SodaFizz', '-#pub', '#pub var', '#pub OR var']) {
      for (const media of [false, true]) {
        const filters: QueryFilters = media ? { hasMedia: true } : {};
        expect(newest(db, fixed, filters), fixed).toEqual(expectedIds(db, fixed, filters));
        expect(volumePerMinute(db, 'r1', fixed, { from: t0, to: t0 + 60 * minute }, filters), fixed).toEqual(
          expectedMinutes(db, fixed, t0, t0 + 60 * minute, filters),
        );
      }
    }
    // Every way of answering was taken: tag rows alone or joined (narrow or wide), FTS with SQL tests, JS.
    expect(shapes).toContain('true false true true');
    expect(shapes).toContain('true false true false');
    expect(shapes).toContain('true false false false');
    expect(shapes).toContain('false true true false');
    expect(shapes).toContain('false true false false');
    db.close();
  });
});
