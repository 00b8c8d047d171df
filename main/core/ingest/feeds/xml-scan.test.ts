import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode-body';
import { readXmlFeed, readXmlFeedWithHtmlparser2 } from './xml-feed';
import { FastXmlScanner } from './xml-scan';

/** The fast XML reading must give what htmlparser2's gives, or leave the document to it. */

function scans(xml: string): boolean {
  return new FastXmlScanner().run(xml, { onopentag: () => undefined, onclosetag: () => undefined });
}

function expectSameReading(xml: string): void {
  expect(readXmlFeed(xml, 'https://feed.test/')).toEqual(readXmlFeedWithHtmlparser2(xml, 'https://feed.test/'));
}

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('the fast XML reading', () => {
  const corpus = join(__dirname, '../testing/corpus/feeds');
  const documents = readdirSync(corpus).flatMap((dir) =>
    readdirSync(join(corpus, dir)).flatMap((name) => {
      let body = readFileSync(join(corpus, dir, name));
      if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
      const text = decodeBody(body, null).text.trimStart().replace(/\r\n?/g, '\n');
      return text.startsWith('<') ? [{ name, text }] : [];
    }),
  );

  it.each(documents.map((document) => [document.name, document.text]))(
    'reads %s as htmlparser2 does',
    (_name, text) => {
      expectSameReading(text);
    },
  );

  it('reads nearly all of the corpus itself', () => {
    expect(documents.filter((document) => scans(document.text)).length).toBeGreaterThanOrEqual(documents.length - 2);
  });

  it('reads comments, CDATA, processing instructions, self-closing and upper-case tags as htmlparser2 does', () => {
    const xml = rss(
      '<!-- a - b --><ITEM><Title><![CDATA[<b>x</b> & y]]></Title><?pi x?><description>a &amp;lt;p&amp;gt; <!----></description>' +
        '<enclosure url="https://x.test/a.mp3" length=\'1\' /><guid isPermaLink="false">g</guid><link>l<?pi?></link></ITEM>',
    );
    expect(scans(xml)).toBe(true);
    expectSameReading(xml);
  });

  it('leaves what it does not read plainly to htmlparser2, with the same result', () => {
    const odd = [
      rss('<item><title>a</title></b></item>'),
      rss('<item><title>a</title>'),
      rss('<item><title>a</title ></item>'),
      rss('<item><title a=1>a</title></item>'),
      rss('<item><title a="1"b="2">a</title></item>'),
      rss('<item><title>a < b</title></item>'),
      rss('<item><!-- a -- b --><title>a</title></item>'),
      rss('<item><title><![CDATA[a]]]></title></item>'),
      `<!DOCTYPE rss [<!ENTITY a "b">]>${rss('<item><title>&a;</title></item>')}`,
      rss('<item><x/ ><title>a</title></item>'),
    ];
    for (const xml of odd) {
      expect(scans(xml)).toBe(false);
      expectSameReading(xml);
    }
  });

  it('flags a second root for the validator, as htmlparser2 does', () => {
    const xml = `${rss('')}<extra></extra>`;
    expect(scans(xml)).toBe(true);
    expect(readXmlFeed(xml, null).suspect).toBe(true);
    expectSameReading(xml);
  });

  it('reads generated documents as htmlparser2 does', () => {
    const token = fc.constantFrom(
      ...['<rss version="2.0">', '</rss>', '<channel>', '</channel>', '<item>', '</item>', '<title>', '</title>'],
      ...['<TITLE>', '<description>', '</description>', '<guid>1</guid>', '<link>https://a.test/x</link>'],
      ...[
        '<link href="/a" rel=\'alternate\'/>',
        '<enclosure url="https://a.test/a.mp3"/>',
        '<media:content url="u" />',
      ],
      ...['<feed xmlns="http://www.w3.org/2005/Atom">', '</feed>', '<entry>', '</entry>', '<content type="html">'],
      ...['</content>', '<content type="xhtml">', '<div xmlns="http://www.w3.org/1999/xhtml">', '</div>', '<p>'],
      ...['<!-- c -->', '<!---->', '<!-- a -- b -->', '<!-->', '<!--->', '<![CDATA[ <b>x</b> ]]>', '<![CDATA[a]]]>'],
      ...['<![cdata[x]]>', '<?xml version="1.0"?>', '<?pi x?>', '<!DOCTYPE rss>', '<!DOCTYPE x [<!ENTITY a "b">]>'],
      ...['<', '>', '&amp;', '&lt;p&gt;', 'text', ' ', '\n', '</ title>', '</title >', '<a b="1"c="2">', '<a b=1>'],
      ...['<a b>', '<a/ >', '<x:y xmlns:x="http://purl.org/dc/elements/1.1/">', '</x:y>', '<dc:creator>A</dc:creator>'],
      ...[
        '<a b="1" b="2" B="3">',
        '</>',
        '< a>',
        '<br/>',
        '</p>',
        '<x\u00a0y>',
        '<x\u000by="1">',
        '<pubDate>x</pubDate>',
      ],
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => expectSameReading(tokens.join(''))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 25 }), (tokens) => {
        const inner = tokens.join('');
        expectSameReading(rss(`<item><title>${inner}</title><description>${inner}</description></item>`));
      }),
      { numRuns: 2000 },
    );
  });
});
