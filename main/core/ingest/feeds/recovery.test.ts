import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed';

/**
 * Feeds as servers really send them: one test per way they break, each saying how many
 * entries are kept and what the source's health line is told.
 */

const NOW = Date.UTC(2026, 0, 1);
const CORPUS = join(__dirname, '../testing/corpus/feeds');

function parse(body: string | Buffer, contentType: string | null = null) {
  return parseFeed(typeof body === 'string' ? Buffer.from(body) : body, {
    url: 'https://feed.test/rss',
    contentType,
    now: NOW,
  });
}

const entry = (n: number, title = `Item ${n}`) =>
  `<item><title>${title}</title><link>https://feed.test/${n}</link><guid>g${n}</guid><description>Body ${n}</description></item>`;
const head = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Feed</title>\n';
const feed = (items: string) => `${head}${items}\n</channel></rss>`;

function titles(result: ReturnType<typeof parse>): Array<string | null | undefined> {
  return result.ok ? result.items.map((item) => item.title) : [];
}

describe('recovering malformed XML', () => {
  it('keeps every entry around a bare ampersand, and says so', () => {
    const result = parse(feed(`${entry(1)}\n${entry(2, 'AT&T buys a network')}\n${entry(3, 'Q&A: what next')}`));
    expect(titles(result)).toEqual(['Item 1', 'AT&T buys a network', 'Q&A: what next']);
    expect(result).toMatchObject({
      ok: true,
      notices: [{ key: 'recoveredMalformed', params: { count: 3, line: 4, cut: 0 } }],
    });
  });

  it('keeps every entry when one is never closed: the next one ends it', () => {
    const unclosed = entry(2).replace('</item>', '');
    const result = parse(feed(`${entry(1)}\n${unclosed}\n${entry(3)}`));
    expect(titles(result)).toEqual(['Item 1', 'Item 2', 'Item 3']);
    expect(result).toMatchObject({ notices: [{ key: 'recoveredMalformed', params: { count: 3 } }] });
  });

  it('reads a self-closed <item/> inside an item as an empty child, not a second entry (illegally-nested.xml)', () => {
    const result = parse(feed(`${entry(1).replace('<guid>', '<item/><guid>')}\n${entry(2)}`));
    expect(titles(result)).toEqual(['Item 1', 'Item 2']);
    expect(result.ok && result.items[0]?.extId).toBe('g1');
    const corpus = parse(readFileSync(join(CORPUS, 'node-feedparser/illegally-nested.xml')));
    expect(corpus).toMatchObject({ ok: true, notices: [] });
    expect(corpus.ok && corpus.items).toHaveLength(10);
  });

  it('keeps the entry around an unclosed inline tag', () => {
    const result = parse(feed(`${entry(1)}\n${entry(2).replace('Body 2', 'Body <b>2')}`));
    expect(titles(result)).toEqual(['Item 1', 'Item 2']);
    expect(result.ok && result.items[1]?.text).toBe('Item 2 Body 2');
  });

  it('keeps the complete entries of a download cut off mid-entry, leaving out the cut one', () => {
    const whole = feed(`${entry(1)}\n${entry(2)}\n${entry(3)}\n${entry(4)}`);
    const cut = whole.slice(0, whole.indexOf('<description>Body 4') + 16);
    const result = parse(cut);
    expect(titles(result)).toEqual(['Item 1', 'Item 2', 'Item 3']);
    expect(result).toMatchObject({ notices: [{ key: 'recoveredMalformed', params: { count: 3, cut: 1 } }] });
  });

  it('keeps every entry of a download cut off between entries', () => {
    const whole = feed(`${entry(1)}\n${entry(2)}\n${entry(3)}`);
    const result = parse(whole.slice(0, whole.lastIndexOf('</channel>')));
    expect(titles(result)).toEqual(['Item 1', 'Item 2', 'Item 3']);
    expect(result).toMatchObject({ notices: [{ key: 'recoveredMalformed', params: { count: 3, cut: 0 } }] });
  });

  it('says nothing about a well-formed feed', () => {
    expect(parse(feed(`${entry(1)}${entry(2)}`))).toMatchObject({ ok: true, notices: [] });
  });
});

describe('encodings nobody declared (or declared wrong)', () => {
  const text = feed(`${entry(1, 'Café crème à Noël')}\n${entry(2, 'Ça déménage')}`).replace(' encoding="utf-8"', '');

  it('reads a feed that says UTF-8 but is 8-bit, keeping every entry and naming the guess', () => {
    const body = iconv.encode(feed(`${entry(1, 'Café crème à Noël')}\n${entry(2, 'Ça déménage')}`), 'windows-1252');
    const result = parse(body);
    expect(titles(result)).toEqual(['Café crème à Noël', 'Ça déménage']);
    expect(result).toMatchObject({
      notices: [{ key: 'encodingMisdeclared', params: { declared: 'utf-8', encoding: expect.any(String) } }],
    });
  });

  it('detects BOM-less UTF-16 (both byte orders) and UTF-32', () => {
    for (const encoding of ['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']) {
      const result = parse(iconv.encode(text, encoding, { addBOM: false }));
      expect(titles(result), encoding).toEqual(['Café crème à Noël', 'Ça déménage']);
      expect(result, encoding).toMatchObject({ notices: [{ key: 'encodingGuessed', params: { encoding } }] });
    }
  });

  it('reads UTF-32 with a byte-order mark without calling it a guess', () => {
    const result = parse(iconv.encode(text, 'utf-32le', { addBOM: true }));
    expect(titles(result)).toEqual(['Café crème à Noël', 'Ça déménage']);
    expect(result).toMatchObject({ notices: [] });
  });

  it('detects a legacy 8-bit page with no declaration at all (real windows-1251 feed, prolog removed)', () => {
    const raw = readFileSync(join(CORPUS, 'node-feedparser/iconv.xml'));
    const prologEnd = raw.indexOf('?>') + 2;
    const result = parse(raw.subarray(prologEnd));
    expect(result).toMatchObject({
      ok: true,
      title: 'Новости Оренбурга и области / Раздел Новости',
      notices: [{ key: 'encodingGuessed', params: { encoding: 'windows-1251' } }],
    });
  });

  it('trusts a declared charset and says nothing', () => {
    const body = iconv.encode(
      text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="iso-8859-1"?>'),
      'latin1',
    );
    expect(parse(body)).toMatchObject({ ok: true, notices: [] });
    expect(parse(Buffer.from(text), 'application/rss+xml; charset=utf-8')).toMatchObject({ ok: true, notices: [] });
  });
});
