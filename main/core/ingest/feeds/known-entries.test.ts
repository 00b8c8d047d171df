import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as SanitizeHtml from '../../sanitize/sanitize-html';
import { parseFeed, type KnownEntries, type ParseFeedOptions } from './parse-feed';

// Counts the sanitizer's work, which is what a re-poll of an unchanged feed must not redo.
const sanitized = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../sanitize/sanitize-html', async (importOriginal) => {
  const original = await importOriginal<typeof SanitizeHtml>();
  return {
    ...original,
    sanitizeWithText: (html: string, baseUrl?: string) => {
      sanitized.calls += 1;
      return original.sanitizeWithText(html, baseUrl);
    },
  };
});

beforeEach(() => {
  sanitized.calls = 0;
});

const NOW = Date.UTC(2026, 0, 1);
const options = (known?: KnownEntries): ParseFeedOptions => ({
  url: 'https://feed.test/rss',
  contentType: null,
  now: NOW,
  ...(known ? { known } : {}),
});

function rss(entries: ReadonlyArray<{ id: string; body: string }>): Buffer {
  const items = entries
    .map(
      ({ id, body }) =>
        `<item><title>Title ${id}</title><guid>${id}</guid><description>&lt;p&gt;${body}&lt;/p&gt;</description></item>`,
    )
    .join('');
  return Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`);
}

/** What the ingest worker keeps after storing a poll: the keys parseFeed listed. */
function remembered(body: Buffer, known: KnownEntries = new Map()): KnownEntries {
  const result = parseFeed(body, options(known));
  if (!result.ok) throw new Error(result.message);
  return new Map(result.keys.map(({ extId, ...key }) => [extId, key] as const));
}

const three = [
  { id: 'a', body: 'first' },
  { id: 'b', body: 'second' },
  { id: 'c', body: 'third' },
];

describe('parseFeed given the entries already stored', () => {
  it('lists every entry’s key on a first poll, and reads every entry', () => {
    const result = parseFeed(rss(three), options(new Map()));
    expect(result).toMatchObject({ ok: true, skipped: 0 });
    if (!result.ok) return;
    expect(result.items.map((item) => item.extId)).toEqual(['a', 'b', 'c']);
    expect(result.keys.map((key) => key.extId)).toEqual(['a', 'b', 'c']);
    expect(new Set(result.keys.map((key) => key.fingerprint)).size).toBe(3);
    expect(sanitized.calls).toBe(3);
  });

  it('lists no keys when not asked (nothing is hashed)', () => {
    const result = parseFeed(rss(three), options());
    expect(result).toMatchObject({ ok: true, skipped: 0, keys: [] });
  });

  it('leaves an unchanged feed unread: nothing sanitized, every key still listed', () => {
    const known = remembered(rss(three));
    sanitized.calls = 0;
    const again = parseFeed(rss(three), options(known));
    expect(again).toMatchObject({ ok: true, items: [], skipped: 3 });
    if (!again.ok) return;
    expect(again.keys.map((key) => key.extId)).toEqual(['a', 'b', 'c']);
    expect(sanitized.calls).toBe(0);
  });

  it('reads again an edited entry (same id, new body) and a new one, and only those', () => {
    const known = remembered(rss(three));
    sanitized.calls = 0;
    const next = [{ id: 'd', body: 'fourth' }, three[0], { id: 'b', body: 'second, corrected' }, three[2]].filter(
      (entry) => entry !== undefined,
    );
    const result = parseFeed(rss(next), options(known));
    expect(result).toMatchObject({ ok: true, skipped: 2 });
    if (!result.ok) return;
    expect(result.items.map((item) => [item.extId, item.text])).toEqual([
      ['d', 'Title d fourth'],
      ['b', 'Title b second, corrected'],
    ]);
    expect(sanitized.calls).toBe(2);
    // The edit's new fingerprint is listed, so the poll after that leaves it out.
    const after = parseFeed(rss(next), options(remembered(rss(next), known)));
    expect(after).toMatchObject({ ok: true, items: [], skipped: 4 });
  });

  it('tells an edited title or date from a stored entry, in Atom and JSON Feed too', () => {
    const atom = (title: string) =>
      Buffer.from(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>urn:x:1</id><title>${title}</title>` +
          '<updated>2026-01-01T00:00:00Z</updated><content type="html">&lt;b&gt;body&lt;/b&gt;</content></entry></feed>',
      );
    const knownAtom = remembered(atom('Before'));
    expect(parseFeed(atom('Before'), options(knownAtom))).toMatchObject({ ok: true, items: [], skipped: 1 });
    expect(parseFeed(atom('After'), options(knownAtom))).toMatchObject({
      ok: true,
      skipped: 0,
      items: [{ extId: 'urn:x:1', title: 'After' }],
    });

    const json = (date: string) =>
      Buffer.from(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'J',
          items: [{ id: 'j1', content_html: '<p>hello</p>', date_published: date }],
        }),
      );
    const knownJson = remembered(json('2026-01-01T00:00:00Z'));
    expect(parseFeed(json('2026-01-01T00:00:00Z'), options(knownJson))).toMatchObject({ items: [], skipped: 1 });
    expect(parseFeed(json('2026-01-02T00:00:00Z'), options(knownJson))).toMatchObject({
      skipped: 0,
      items: [{ extId: 'j1', publishedAt: Date.UTC(2026, 0, 2) }],
    });
  });

  it('says the same on the health line when an entry with nothing readable is left out', () => {
    const body = Buffer.from(
      '<rss version="2.0"><channel><title>T</title><item><guid>empty-1</guid></item>' +
        '<item><guid>full</guid><title>Readable</title></item></channel></rss>',
    );
    const first = parseFeed(body, options(new Map()));
    const again = parseFeed(body, options(remembered(body)));
    expect(again).toMatchObject({ ok: true, items: [], skipped: 2 });
    expect(first.ok && again.ok && again.notices).toEqual(first.ok && first.notices);
    expect(again.ok && again.notices).toEqual([{ key: 'entriesMissingFields', params: { count: 1 } }]);
  });
});

describe('parseFeed listing keys for a caller that keeps only some', () => {
  it('lists the first `keysWanted` keys and still leaves out a known entry past them', () => {
    const known = remembered(rss(three));
    const result = parseFeed(rss(three), { ...options(known), keysWanted: 2 });
    expect(result).toMatchObject({ ok: true, items: [], skipped: 3 });
    expect(result.ok && result.keys.map((key) => key.extId)).toEqual(['a', 'b']);
  });
});
