import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertItem as insert, openQueryTestDb, t0, type Db } from './testing/query-test-db';
import type { QueryFilters } from '../../../../shared/query/filters';
import { parseQuery } from '../../../../shared/query/parse-query';
import { itemMatches } from './match-functions';
import { newestMatching, toAst } from './newest-matching';
import { ensureMatchFunctions, toSqlWhere } from './index';
import { volumePerMinute } from './volume-per-minute';
import { queryTexts } from './testing/query-arbitrary';

const openDb = openQueryTestDb;

const ids = (db: Db, query: string, filters: QueryFilters = {}, limit = 50) =>
  newestMatching(db, 'r1', query, filters, { limit }).map((item) => item.id);

describe('column queries over items', () => {
  let db: Db;
  let item: Record<string, number>;
  beforeEach(() => {
    db = openDb();
    const at = (minute: number) => t0 + minute * 60_000;
    item = {
      blackout: insert(db, { text: 'Blackout au stade !', at: at(1) }),
      panne: insert(db, { text: 'Grosse panne de courant', at: at(2), language: 'fr-CA' }),
      coupFranc: insert(db, {
        text: 'Quel coup franc, magnifique',
        at: at(3),
        source: 's2',
        media: true,
        engagement: 40,
      }),
      coupFrancPub: insert(db, { text: 'coup franc sponsorisé, encore une pub', at: at(4) }),
      hashtag: insert(db, { text: 'On en parle ? #ChaussetteGate', at: at(5), language: 'en' }),
      hashtagAccent: insert(db, { text: '#chaussettegaté ça continue', at: at(6) }),
      wordOnly: insert(db, { text: 'chaussettegate sans dièse', at: at(7) }),
      longerTag: insert(db, { text: '#ChaussetteGate2026 autre chose', at: at(8) }),
      arbitre: insert(db, { text: "L'arbitre siffle", at: at(9), author: 'SodaFizz' }),
      arbitrage: insert(db, { text: 'Arbitrage vidéo : la VAR encore', at: at(10), author: 'sodafizz.bsky.social' }),
      varOther: insert(db, { text: 'var var var', at: at(11), author: '@jean@mastodon.social' }),
      otherRoom: insert(db, { text: 'blackout ailleurs', at: at(12), room: 'r2', source: 's3' }),
      injection: insert(db, { text: "text NEAR a b ' OR 1=1 -- ; DROP TABLE items", at: at(13) }),
    };
  });
  afterEach(() => db.close());

  it('matches terms, phrases, prefixes, OR and NOT, newest first', () => {
    expect(ids(db, 'blackout OR panne')).toEqual([item.panne, item.blackout]);
    expect(ids(db, '"coup franc"')).toEqual([item.coupFrancPub, item.coupFranc]);
    expect(ids(db, '"coup franc" -pub')).toEqual([item.coupFranc]);
    expect(ids(db, 'arbit*')).toEqual([item.arbitrage, item.arbitre]);
    expect(ids(db, 'BLACKOUT')).toEqual([item.blackout]);
    expect(ids(db, 'arbitré')).toEqual([item.arbitre]);
    expect(ids(db, '')).toHaveLength(12);
  });

  it('matches a hashtag only where it was written as one, ignoring case and accents', () => {
    expect(ids(db, '#ChaussetteGate')).toEqual([item.hashtagAccent, item.hashtag]);
    expect(ids(db, 'chaussettegate')).toEqual([item.wordOnly, item.hashtagAccent, item.hashtag]);
    expect(ids(db, '#ChaussetteGate OR panne')).toEqual([item.hashtagAccent, item.hashtag, item.panne]);
    expect(ids(db, 'chaussettegate -#ChaussetteGate')).toEqual([item.wordOnly]);
  });

  it('matches mentions on the author handle', () => {
    expect(ids(db, '@SodaFizz')).toEqual([item.arbitrage, item.arbitre]);
    expect(ids(db, '@jean')).toEqual([item.varOther]);
    expect(ids(db, '(var OR arbitre) AND NOT @SodaFizz')).toEqual([item.varOther]);
  });

  it('handles queries FTS5 cannot express (a lone NOT, NOT inside OR)', () => {
    expect(ids(db, '-var -"coup franc" -chaussettegate -arbitre -blackout -panne')).toEqual([
      item.injection,
      item.longerTag,
    ]);
    expect(ids(db, 'blackout OR -arbit*')).not.toContain(item.arbitre);
    expect(ids(db, 'blackout OR -arbit*')).toHaveLength(10);
  });

  it('applies the filters', () => {
    expect(ids(db, 'panne OR blackout', { languages: ['fr'] })).toEqual([item.panne, item.blackout]);
    expect(ids(db, '', { languages: ['en'] })).toEqual([item.hashtag]);
    expect(ids(db, '"coup franc"', { alliedOnly: true })).toEqual([item.coupFranc]);
    expect(ids(db, '', { hasMedia: true })).toEqual([item.coupFranc]);
    expect(ids(db, '', { minEngagement: 10 })).toEqual([item.coupFranc]);
    expect(ids(db, '', { sources: ['s2'] })).toEqual([item.coupFranc]);
    expect(ids(db, '', { timeRange: { from: t0 + 2 * 60_000, to: t0 + 4 * 60_000 } })).toEqual([
      item.coupFranc,
      item.panne,
    ]);
  });

  it('keeps typed FTS5 syntax and SQL inert', () => {
    const attempts = [
      `'); DROP TABLE items; --`,
      `" OR 1=1 --`,
      'NEAR(a b)',
      'text:secret',
      'author_handle:SodaFizz',
      '{text author_name}:x',
      '^start',
      'a"b',
      'x" OR "y',
      'blackout*" OR "*',
      "1=1 OR ''=''",
      'items_fts',
    ];
    for (const attempt of attempts) {
      const parsed = parseQuery(attempt);
      if (!parsed.ok) continue;
      expect(() => ids(db, attempt), attempt).not.toThrow();
    }
    expect(ids(db, 'NEAR(a b)')).toEqual([item.injection]);
    expect(ids(db, `'; DROP TABLE items; --`)).toEqual([item.injection]);
    expect(parseQuery(`'); DROP TABLE items; --`).ok).toBe(false);
    expect(ids(db, 'text:secret')).toEqual([]);
    expect(ids(db, '"1=1"')).toEqual([item.injection]);
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 13 });
  });

  it('pages with beforeId', () => {
    const first = ids(db, '', {}, 5);
    const second = newestMatching(db, 'r1', '', {}, { limit: 5, beforeId: first[4] }).map((x) => x.id);
    expect([...first, ...second]).toEqual(ids(db, '', {}, 10));
    expect(newestMatching(db, 'r1', '"coup franc"', {}, { limit: 1, beforeId: item.coupFrancPub })).toEqual([
      { id: item.coupFranc, publishedAt: t0 + 3 * 60_000 },
    ]);
  });

  it('reports a query syntax error as invalid_input', () => {
    expect(() => ids(db, '(var')).toThrow(/Missing closing parenthesis/);
  });

  it('counts per minute', () => {
    expect(volumePerMinute(db, 'r1', 'coup* OR blackout', { from: t0, to: t0 + 3_600_000 })).toEqual([
      { minute: t0 + 60_000, count: 1 },
      { minute: t0 + 3 * 60_000, count: 1 },
      { minute: t0 + 4 * 60_000, count: 1 },
    ]);
    expect(volumePerMinute(db, 'r1', '#ChaussetteGate', { from: t0, to: t0 + 6 * 60_000 })).toEqual([
      { minute: t0 + 5 * 60_000, count: 1 },
    ]);
    expect(volumePerMinute(db, 'r1', null, { from: t0, to: t0 + 3_600_000 }).reduce((s, m) => s + m.count, 0)).toBe(12);
  });
});

describe('newestMatching at scale', () => {
  it('stays exact when insertion order and time order disagree', () => {
    const db = openDb();
    const insertMany = db.transaction(() => {
      // Items published late but inserted early (clock skew), then many in order, then a backfill.
      for (let n = 0; n < 30; n += 1) insert(db, { text: `blackout early ${n}`, at: t0 + 9_000_000 + n });
      for (let n = 0; n < 3000; n += 1)
        insert(db, { text: n % 2 ? 'blackout live' : 'autre chose', at: t0 + n * 1000 });
      for (let n = 0; n < 3000; n += 1) insert(db, { text: 'blackout backfill', at: t0 - 1_000_000 + n });
    });
    insertMany();
    ensureMatchFunctions(db);
    for (const query of ['blackout', 'blackout -backfill', 'live OR early', '-autre']) {
      const where = toSqlWhere('r1', toAst(query), {});
      const expected = (
        db
          .prepare(`SELECT id FROM items i WHERE ${where.sql} ORDER BY published_at DESC, id DESC LIMIT 50`)
          .all(...where.params) as Array<{ id: number }>
      ).map((row) => row.id);
      expect(ids(db, query), query).toEqual(expected);
    }
    expect(ids(db, 'blackout').slice(0, 3)).toEqual([30, 29, 28]);
    db.close();
  });

  it('agrees with the in-memory matcher on random queries', () => {
    const db = openDb();
    const words = ['var', 'arbitre', 'arbitrage', 'panne', 'pub', 'coup', 'franc', 'été'];
    const texts: string[] = [];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...words, '#pub', '#Été'), { minLength: 1, maxLength: 5 }), {
          minLength: 30,
          maxLength: 30,
        }),
        (rows) => {
          texts.push(...rows.map((row) => row.join(' ')));
        },
      ),
      { numRuns: 1, seed: 7 },
    );
    texts.forEach((text, n) => insert(db, { text, at: t0 + n * 1000, author: n % 3 ? 'sodafizz' : 'other' }));
    const leaf = fc.constantFrom('var', 'arbit*', '"coup franc"', '#pub', '#ete', '@SodaFizz', 'panne', 'ÉTÉ');
    const query = queryTexts(leaf);
    const stored = db
      .prepare('SELECT id, text, author_handle AS author FROM items ORDER BY published_at DESC, id DESC')
      .all() as Array<{ id: number; text: string; author: string }>;
    fc.assert(
      fc.property(query, (typed) => {
        const parsed = parseQuery(String(typed));
        if (!parsed.ok) return;
        const expected = stored.filter((row) => itemMatches(parsed.ast, row.text, row.author)).map((row) => row.id);
        expect(ids(db, String(typed), {}, 100)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    db.close();
  });
});
