import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed';
import { readXmlFeed } from './xml-feed';
import { rssAuthorName, xhtmlText, xmlText } from './xml-text';

const NOW = Date.UTC(2026, 0, 1);

function parse(xml: string) {
  return parseFeed(Buffer.from(xml), { url: 'https://feed.test/rss', contentType: null, now: NOW });
}

describe('xmlText', () => {
  it('decodes entities once, keeps CDATA verbatim and drops comments', () => {
    expect(xmlText(' a &amp;lt;b&amp;gt; &eacute; <![CDATA[&amp; <i>]]><!-- x --> ')).toBe('a &lt;b&gt; é &amp; <i>');
    expect(xmlText('  ')).toBeUndefined();
  });

  it('unwraps Atom xhtml content and its namespace prefix', () => {
    expect(xhtmlText('<x:div xmlns:x="http://www.w3.org/1999/xhtml"><x:p>a &amp; b</x:p></x:div>')).toBe(
      '<p>a &amp; b</p>',
    );
  });

  it('finds the name in an RSS author', () => {
    expect(rssAuthorName('jo@x.test (Jo Doe)')).toBe('Jo Doe');
    expect(rssAuthorName('Jo Doe <jo@x.test>')).toBe('Jo Doe');
    expect(rssAuthorName('jo@x.test')).toBe('jo@x.test');
  });
});

describe('readXmlFeed', () => {
  it('reads namespaces under whatever prefix the document declares', () => {
    const feed = readXmlFeed(
      `<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:d="http://purl.org/dc/elements/1.1/">
        <a:title>T</a:title>
        <a:entry><a:id>1</a:id><d:creator>Ann</d:creator><a:link href="/p/1"/></a:entry>
      </a:feed>`,
      'https://feed.test/',
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'T', suspect: false });
    expect(feed.entries[0]).toMatchObject({ id: '1', authorName: 'Ann', link: '/p/1' });
  });

  it('reads unescaped HTML in a description as raw markup', () => {
    const feed = readXmlFeed(
      '<rss version="2.0"><channel><item><guid>1</guid><description><p>a <br> b</p></description></item></channel></rss>',
      null,
    );
    expect(feed.suspect).toBe(false);
    expect(feed.entries[0]?.html).toBe('<p>a <br> b</p>');
  });

  it('reads bodies only when an entry is used, keeping the first of each and the same preference', () => {
    const feed = readXmlFeed(
      `<rss version="2.0"><channel>
        <item><guid>1</guid><description>first</description><description>second</description></item>
        <item><guid>2</guid><description>plain</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;full&lt;/p&gt;</content:encoded></item>
        <item><description><!-- nothing --></description></item>
        <item><description>only a body</description></item>
      </channel></rss>`,
      null,
    );
    expect(feed.entries.map((entry) => entry.html)).toEqual(['first', '<p>full</p>', null, 'only a body']);
    // An entry whose one field reads as nothing is counted as empty; a body alone is something.
    expect(feed.empty).toBe(1);
  });

  it('flags stray and missing end tags for the validator', () => {
    expect(readXmlFeed('<rss><channel><title>a</title></b></channel></rss>', null).suspect).toBe(true);
    expect(readXmlFeed('<rss><channel><title>a</title>', null).suspect).toBe(true);
    expect(readXmlFeed('<rss><channel><title>a</title><x/></channel></rss>', null).suspect).toBe(false);
  });
});

describe('parseFeed on XML', () => {
  it('normalizes CRLF line ends in content', () => {
    const result = parse(
      '<rss version="2.0"><channel><item><guid>1</guid><description>a\r\nb</description></item></channel></rss>',
    );
    expect(result.ok && result.items[0]?.html).toBe('a\nb');
  });

  it('sanitizes markup that entities hid from the XML, and keeps markup escaped twice as text', () => {
    const result = parse(
      `<rss version="2.0"><channel>
        <item><guid>1</guid><description>&#60;img src=x onerror=alert(1)&#62;</description></item>
        <item><guid>2</guid><description>&amp;#60;script&amp;#62;alert(1)&amp;lt;/script&gt;</description></item>
      </channel></rss>`,
    );
    expect(result.ok && result.items.map((item) => [item.html, item.text])).toEqual([
      ['<img src="https://feed.test/x">', ''],
      ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    ]);
  });

  it('names the line of a stray end tag the parser alone would skip', () => {
    expect(parse('<rss version="2.0">\n<channel>\n<title>a</title></b>\n</channel></rss>')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The feed's XML is malformed near line 3/),
    });
  });

  it('stops at absurd nesting instead of spending quadratic time', () => {
    const depth = 40_000;
    const xml = `<rss version="2.0"><channel><item>${'<x>'.repeat(depth)}${'</y>'.repeat(depth)}</item></channel></rss>`;
    const started = performance.now();
    const result = parse(xml);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
  });

  it('keeps a well-formed but absurdly deep feed out with a clear message', () => {
    const depth = 2000;
    const xml = `<rss version="2.0"><channel><item>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</item></channel></rss>`;
    expect(parse(xml)).toEqual({
      ok: false,
      message: 'The feed nests its elements too deeply to be read',
      problem: { code: 'nestedTooDeep', params: {} },
    });
  });
});
