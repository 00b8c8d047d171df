import { describe, expect, it } from 'vitest';
import { bodyTextOf } from '../../../../shared/domain/item';
import { parseFeed } from './parse-feed';

/**
 * One small feed per construct of Atom (RFC 4287, and the Atom 0.3 draft still served by old
 * blog engines) and JSON Feed 1.1 (jsonfeed.org/version/1.1), each asserting what a reader
 * sees of the item: title, link, author, body text, language and date.
 */

const NOW = Date.UTC(2026, 0, 1);

function read(body: string) {
  const result = parseFeed(Buffer.from(body), { url: 'https://feed.test/atom', contentType: null, now: NOW });
  if (!result.ok) throw new Error(result.message);
  return result;
}

function items(body: string) {
  return read(body).items.map((item) => ({ ...item, body: bodyTextOf(item) }));
}

function only(body: string) {
  const [item, ...rest] = items(body);
  expect(rest).toHaveLength(0);
  if (!item) throw new Error('no item');
  return item;
}

const atom = (entries: string, feed = '') =>
  `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Feed</title><id>urn:feed</id>
<updated>2025-01-01T00:00:00Z</updated>${feed}${entries}</feed>`;

describe('Atom 1.0 (RFC 4287)', () => {
  it('reads the core elements of an entry', () => {
    const item = only(
      atom(`<entry><title>Count begins</title><id>urn:e1</id><link rel="alternate" type="text/html" href="https://feed.test/e1"/>
<author><name>Sam Roe</name><email>sam@feed.test</email></author><published>2025-06-01T20:00:00Z</published>
<updated>2025-06-01T21:00:00Z</updated><content type="html">&lt;p&gt;Polls closed.&lt;/p&gt;</content></entry>`),
    );
    expect(item).toMatchObject({
      extId: 'urn:e1',
      title: 'Count begins',
      url: 'https://feed.test/e1',
      authorName: 'Sam Roe',
      body: 'Polls closed.',
      language: 'en',
      publishedAt: Date.parse('2025-06-01T20:00:00Z'),
    });
  });

  it('keeps a type="text" title as characters; only type="html" is parsed as HTML', () => {
    const [text, html] = items(
      atom(`<entry><id>1</id><title type="text">The &lt;blink&gt; tag and List&lt;String&gt;</title><link href="https://feed.test/1"/></entry>
<entry><id>2</id><title type="html">&lt;em&gt;Live&lt;/em&gt; results</title><link href="https://feed.test/2"/></entry>`),
    );
    expect(text?.title).toBe('The <blink> tag and List<String>');
    expect(html?.title).toBe('Live results');
  });

  it('reads xhtml content without its wrapping div', () => {
    const item = only(
      atom(
        `<entry><id>1</id><title>X</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <b>XHTML</b>.</p></div></content></entry>`,
      ),
    );
    expect(item.body).toBe('Inline XHTML.');
    expect(item.html).toBe('<p>Inline <b>XHTML</b>.</p>');
  });

  it('decodes Base64 content (a non-XML, non-text media type, or mode="base64")', () => {
    const encoded = Buffer.from('<p>Decoded <b>body</b></p>').toString('base64');
    const [byType, byMode] = items(
      atom(`<entry><id>1</id><title>A</title><content type="application/octet-stream">${Buffer.from('plain bytes').toString('base64')}</content></entry>
<entry><id>2</id><title>B</title><content type="html" mode="base64">${encoded}</content></entry>`),
    );
    // An opaque binary type is nothing to read: kept with its title.
    expect(byType?.body).toBe('');
    expect(byMode?.body).toBe('Decoded body');
  });

  it('does not let a link without href win over a good one', () => {
    const item = only(
      atom(
        `<entry><id>1</id><title>L</title><link rel="alternate" type="text/html"/><link rel="alternate" href="https://feed.test/good"/></entry>`,
      ),
    );
    expect(item.url).toBe('https://feed.test/good');
  });

  it('reads xml:lang on the entry and on its content, and xml:lang="" clears the feed language', () => {
    const [entryLang, contentLang, cleared] = items(
      atom(`<entry xml:lang="fr"><id>1</id><title>A</title><summary>Bonjour</summary></entry>
<entry><id>2</id><title>B</title><content xml:lang="es" type="text">Hola</content></entry>
<entry xml:lang=""><id>3</id><title>C</title><summary>?</summary></entry>`),
    );
    expect(entryLang?.language).toBe('fr');
    expect(contentLang?.language).toBe('es');
    expect(cleared?.language).toBeNull();
  });

  it("takes the feed's author for entries without one, and dc:creator split like an author", () => {
    const [inherited, dc] = items(
      atom(
        `<entry><id>1</id><title>A</title></entry>
<entry xmlns:dc="http://purl.org/dc/elements/1.1/"><id>2</id><title>B</title><dc:creator>Kim Park (kim@feed.test)</dc:creator></entry>`,
        '<author><name>Newsroom</name></author>',
      ),
    );
    expect(inherited?.authorName).toBe('Newsroom');
    expect(dc?.authorName).toBe('Kim Park');
  });
});

describe('Atom 0.3', () => {
  it('reads issued/modified dates, mode="escaped" and mode="base64" content', () => {
    const encoded = Buffer.from('Base64 <b>body</b>').toString('base64');
    const [escaped, base64] = items(`<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en-GB"><title>Old blog</title>
<entry><title>First</title><link rel="alternate" type="text/html" href="https://feed.test/1"/><id>tag:1</id>
<author><name>Al</name></author><issued>2004-05-01T10:00:00Z</issued><modified>2004-05-02T10:00:00Z</modified>
<content type="text/html" mode="escaped">&lt;p&gt;Escaped &lt;i&gt;markup&lt;/i&gt;&lt;/p&gt;</content></entry>
<entry><title>Second</title><link rel="alternate" type="text/html" href="https://feed.test/2"/><id>tag:2</id>
<modified>2004-06-01T10:00:00Z</modified><content type="text/html" mode="base64">${encoded}</content></entry>
</feed>`);
    expect(escaped).toMatchObject({
      title: 'First',
      url: 'https://feed.test/1',
      authorName: 'Al',
      body: 'Escaped markup',
      language: 'en-GB',
      publishedAt: Date.parse('2004-05-01T10:00:00Z'),
    });
    expect(base64).toMatchObject({
      title: 'Second',
      body: 'Base64 body',
      publishedAt: Date.parse('2004-06-01T10:00:00Z'),
    });
  });
});

describe('JSON Feed 1.1', () => {
  it('reads an item, its title as plain text', () => {
    const [first, second] = items(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Feed',
        language: 'nl',
        authors: [{ name: 'Desk' }],
        items: [
          {
            id: 'j1',
            url: 'https://feed.test/j1',
            title: 'Why List<String> <blink>s',
            content_html: '<p>Body <b>here</b>.</p>',
            date_published: '2025-03-01T09:00:00+01:00',
          },
          {
            id: 'j2',
            url: 'https://feed.test/j2',
            content_text: 'Text only.',
            authors: [{ name: 'Eva' }],
            language: 'de',
          },
        ],
      }),
    );
    expect(first).toMatchObject({
      extId: 'j1',
      title: 'Why List<String> <blink>s',
      url: 'https://feed.test/j1',
      authorName: 'Desk',
      body: 'Body here.',
      language: 'nl',
      publishedAt: Date.parse('2025-03-01T08:00:00Z'),
    });
    expect(second).toMatchObject({
      title: null,
      authorName: 'Eva',
      body: 'Text only.',
      language: 'de',
      publishedAt: NOW,
    });
  });
});
