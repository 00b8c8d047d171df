import { describe, expect, it } from 'vitest';
import { bodyTextOf } from '../../../../shared/domain/item';
import { parseFeed } from './parse-feed';

/**
 * One small feed per construct of RSS 2.0 (rssboard.org/rss-specification) and RSS 1.0 with
 * its modules (web.resource.org/rss/1.0, Dublin Core, content, XHTML bodies), each asserting
 * what a reader sees of the item: title, link, author, body text, language and date.
 */

const NOW = Date.UTC(2026, 0, 1);
const DC = 'http://purl.org/dc/elements/1.1/';

function read(xml: string, opts: { contentLocation?: string; url?: string } = {}) {
  const result = parseFeed(Buffer.from(xml), {
    url: opts.url ?? 'https://feed.test/rss',
    contentType: null,
    contentLocation: opts.contentLocation ?? null,
    now: NOW,
  });
  if (!result.ok) throw new Error(result.message);
  return result;
}

function only(xml: string, opts: { contentLocation?: string; url?: string } = {}) {
  const [item, ...rest] = read(xml, opts).items;
  expect(rest).toHaveLength(0);
  if (!item) throw new Error('no item');
  return { ...item, body: bodyTextOf(item) };
}

const rss2 = (items: string, channel = '', namespaces = '') =>
  `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="${DC}"${namespaces}><channel><title>Feed</title><link>https://feed.test/</link>
<language>fr-FR</language>${channel}${items}</channel></rss>`;

describe('RSS 2.0', () => {
  it('reads the core elements of an item', () => {
    const item = only(
      rss2(`<item><title>Vote tonight</title><link>https://feed.test/a</link>
<description>&lt;p&gt;The &lt;b&gt;vote&lt;/b&gt; is at 8.&lt;/p&gt;</description>
<author>desk@feed.test (Jo Doe)</author><guid>urn:a</guid><pubDate>Tue, 03 Jun 2025 09:39:21 GMT</pubDate></item>`),
    );
    expect(item).toMatchObject({
      extId: 'urn:a',
      title: 'Vote tonight',
      url: 'https://feed.test/a',
      authorName: 'Jo Doe',
      body: 'The vote is at 8.',
      language: 'fr-FR',
      publishedAt: Date.parse('2025-06-03T09:39:21Z'),
    });
    expect(item.text).toBe('Vote tonight The vote is at 8.');
  });

  it('reads Dublin Core on items when the RSS elements are missing', () => {
    const item = only(
      rss2(`<item><dc:title>Budget passed</dc:title><link>https://feed.test/b</link>
<dc:description>Late-night session.</dc:description><dc:creator>Ana Lima (ana@feed.test)</dc:creator>
<dc:date>2025-06-03T10:00:00+02:00</dc:date><dc:language>pt-BR</dc:language></item>`),
    );
    expect(item).toMatchObject({
      title: 'Budget passed',
      url: 'https://feed.test/b',
      authorName: 'Ana Lima',
      body: 'Late-night session.',
      language: 'pt-BR',
      publishedAt: Date.parse('2025-06-03T08:00:00Z'),
    });
  });

  it('reads dcterms dates when no other date is given', () => {
    const item = only(
      rss2(
        `<item><title>T</title><link>https://feed.test/c</link><dcterms:modified>2025-02-01T12:00:00Z</dcterms:modified></item>`,
        '',
        ' xmlns:dcterms="http://purl.org/dc/terms/"',
      ),
    );
    expect(item.publishedAt).toBe(Date.parse('2025-02-01T12:00:00Z'));
  });

  it('takes a permalink guid as the link when there is no <link>, and not a guid that is no permalink', () => {
    const [permalink, notPermalink] = read(
      rss2(`<item><title>A</title><guid>https://feed.test/p/1</guid></item>
<item><title>B</title><guid isPermaLink="false">https://feed.test/p/2</guid></item>`),
    ).items;
    expect(permalink).toMatchObject({ title: 'A', url: 'https://feed.test/p/1' });
    expect(notPermalink).toMatchObject({ title: 'B', url: null, extId: 'https://feed.test/p/2' });
  });

  it('reads an xhtml:body as the body', () => {
    const item = only(
      rss2(
        `<item><title>X</title><link>https://feed.test/x</link><xhtml:body><xhtml:p>Full <xhtml:em>story</xhtml:em>.</xhtml:p></xhtml:body></item>`,
        '',
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml"',
      ),
    );
    expect(item.body).toBe('Full story.');
    expect(item.html).toBe('<p>Full <em>story</em>.</p>');
  });

  it('reads a body in the XHTML namespace and a fullitem', () => {
    const [body, fullitem] = read(
      rss2(`<item><title>B</title><link>https://feed.test/1</link><body xmlns="http://www.w3.org/1999/xhtml"><p>In body.</p></body></item>
<item><title>F</title><link>https://feed.test/2</link><fullitem>&lt;p&gt;Whole item.&lt;/p&gt;</fullitem></item>`),
    ).items;
    expect(body && bodyTextOf(body)).toBe('In body.');
    expect(fullitem && bodyTextOf(fullitem)).toBe('Whole item.');
  });

  it('splits dc:creator "Name (email)" like <author>', () => {
    const [paren, angle] = read(
      rss2(`<item><title>A</title><link>https://feed.test/1</link><dc:creator>Jo Doe (jo@feed.test)</dc:creator></item>
<item><title>B</title><link>https://feed.test/2</link><dc:creator>jo@feed.test (Jo Doe)</dc:creator></item>`),
    ).items;
    expect(paren?.authorName).toBe('Jo Doe');
    expect(angle?.authorName).toBe('Jo Doe');
  });

  it('keeps a plain-text title as characters, and reads a title with HTML in it as HTML', () => {
    const [generic, blink, html] = read(
      rss2(`<item><title>Why List&lt;String&gt; is slow</title><link>https://feed.test/1</link></item>
<item><title>The &lt;blink&gt; tag</title><link>https://feed.test/2</link></item>
<item><title>&lt;b&gt;Breaking&lt;/b&gt; news</title><link>https://feed.test/3</link></item>`),
    ).items;
    expect(generic?.title).toBe('Why List<String> is slow');
    expect(blink?.title).toBe('The <blink> tag');
    expect(html?.title).toBe('Breaking news');
  });

  it('reads xml:lang on an item, and xml:lang="" clears the channel language', () => {
    const [own, cleared] = read(
      rss2(`<item xml:lang="de"><title>A</title><link>https://feed.test/1</link></item>
<item xml:lang=""><title>B</title><link>https://feed.test/2</link></item>`),
    ).items;
    expect(own?.language).toBe('de');
    expect(cleared?.language).toBeNull();
  });

  it('resolves relative links against Content-Location', () => {
    const item = only(rss2('<item><title>R</title><link>posts/1</link></item>'), {
      url: 'https://cdn.feed.test/feed?x=1',
      contentLocation: 'https://news.feed.test/world/feed.xml',
    });
    expect(item.url).toBe('https://news.feed.test/world/posts/1');
  });

  it('keeps the safe structure of item HTML: images, headings, lists, tables, sup/sub', () => {
    const item = only(
      rss2(`<item><title>S</title><link>https://feed.test/s</link><description><![CDATA[<h2>Results</h2>
<ul><li>One</li></ul><table><tr><th>Seat</th><td>12<sup>th</sup> H<sub>2</sub>O</td></tr></table>
<img src="/pic.jpg" alt="Crowd" onerror="alert(1)"><script>alert(1)</script>]]></description></item>`),
    );
    expect(item.html).toContain('<h2>Results</h2>');
    expect(item.html).toContain('<ul><li>One</li></ul>');
    expect(item.html).toContain('<table><tr><th>Seat</th><td>12<sup>th</sup> H<sub>2</sub>O</td></tr></table>');
    expect(item.html).toContain('<img src="https://feed.test/pic.jpg" alt="Crowd">');
    expect(item.html).not.toMatch(/onerror|script/);
  });

  it('keeps an entry with no usable field and says what was missing', () => {
    const result = read(rss2('<item><title>A</title><link>https://feed.test/1</link></item><item><comments/></item>'));
    expect(result.items).toHaveLength(2);
    expect(result.items[1]).toMatchObject({ title: null, url: null, text: '' });
    expect(result.notices).toEqual([{ key: 'entriesMissingFields', params: { count: 1 } }]);
  });
});

describe('RSS 1.0 and its modules', () => {
  const rdf = (items: string, prefix = '') => {
    const p = prefix ? `${prefix}:` : '';
    const ns = prefix ? `xmlns:${prefix}="http://purl.org/rss/1.0/"` : 'xmlns="http://purl.org/rss/1.0/"';
    return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" ${ns} xmlns:dc="${DC}"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<${p}channel rdf:about="https://feed.test/"><${p}title>Feed</${p}title><${p}link>https://feed.test/</${p}link>
<dc:language>it</dc:language></${p}channel>${items.replaceAll('<x:', `<${p}`).replaceAll('</x:', `</${p}`)}</rdf:RDF>`;
  };
  const entry = `<x:item rdf:about="https://feed.test/r/1"><x:title>Rome decides</x:title><x:link>https://feed.test/r/1</x:link>
<x:description>Short.</x:description><content:encoded><![CDATA[<p>The <i>long</i> one.</p>]]></content:encoded>
<dc:creator>Lia Rossi</dc:creator><dc:date>2025-05-01T08:30:00Z</dc:date></x:item>`;

  it('reads an item with Dublin Core and content:encoded', () => {
    const item = only(rdf(entry));
    expect(item).toMatchObject({
      extId: 'https://feed.test/r/1',
      title: 'Rome decides',
      url: 'https://feed.test/r/1',
      authorName: 'Lia Rossi',
      body: 'The long one.',
      language: 'it',
      publishedAt: Date.parse('2025-05-01T08:30:00Z'),
    });
  });

  it('reads the same item when RSS is under a prefix and there is no default namespace', () => {
    const item = only(rdf(entry, 'rss'));
    expect(item).toMatchObject({ title: 'Rome decides', url: 'https://feed.test/r/1', body: 'The long one.' });
  });

  it('takes rdf:about as the link when there is no <link>', () => {
    const item = only(rdf('<x:item rdf:about="https://feed.test/r/2"><x:title>T</x:title></x:item>'));
    expect(item.url).toBe('https://feed.test/r/2');
  });
});
