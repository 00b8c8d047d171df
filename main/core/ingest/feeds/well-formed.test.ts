import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed';
import { looksMalformed, malformedMessage } from './well-formed';

const NOW = Date.UTC(2026, 0, 1);
const item = '<item><guid>1</guid><title>a</title></item>';
const rss = (inner: string, tail = '</channel></rss>') =>
  `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title>${inner}${tail}`;

function parse(xml: string) {
  return parseFeed(Buffer.from(xml), { url: 'https://feed.test/rss', contentType: null, now: NOW });
}

describe('the cheap well-formedness scan', () => {
  it('passes ordinary feeds without validating them', () => {
    expect(looksMalformed(rss(item))).toBe(false);
    expect(looksMalformed(`<!-- generator -->\n${rss(item)}\n<!-- cached 2026 -->\n`)).toBe(false);
    expect(looksMalformed(rss('<item><title>A &amp; B &#233; &#xE9; &nbsp;</title></item>'))).toBe(false);
  });

  it('ignores ampersands inside CDATA and comments', () => {
    expect(looksMalformed(rss('<item><description><![CDATA[a & b]]></description></item><!-- x & y -->'))).toBe(false);
  });

  it('flags a bare ampersand, a truncated document and a second root', () => {
    expect(looksMalformed(rss('<item><link>https://x.test/?a=1&b=2</link></item>'))).toBe(true);
    expect(looksMalformed(rss(item, '</channel>'))).toBe(true);
    expect(looksMalformed(`${rss(item)}<extra></extra>`)).toBe(true);
  });

  it('stays linear on long runs of whitespace', () => {
    const started = performance.now();
    expect(looksMalformed(`${' '.repeat(50_000)}<rss>${' '.repeat(50_000)}`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('reads past a doctype with an internal subset, comments and processing instructions', () => {
    const doctype = '<!DOCTYPE rss [ <!ENTITY a "x>y"> <!ELEMENT rss ANY> ]>';
    expect(looksMalformed(`<?xml version="1.0"?>\n<!-- a -->\n${doctype}\n${rss(item).slice(22)}`)).toBe(false);
    expect(looksMalformed(`${rss(item)}\n<?pi done?>\n<!-- end -->  `)).toBe(false);
    expect(looksMalformed('<!DOCTYPE rss [ <!ENTITY a "b"> <rss></rss>')).toBe(true);
    expect(looksMalformed('<rss></rss >')).toBe(false);
  });

  it('stays linear on a crafted doctype, comment runs and end tags (exponential before)', () => {
    const started = performance.now();
    const crafted = `<?xml version="1.0"?><!DOCTYPE r ${'[]'.repeat(60)}[ <r/>`;
    expect(looksMalformed(crafted)).toBe(true);
    expect(looksMalformed(`<!DOCTYPE r ${'[]'.repeat(30_000)}[`)).toBe(true);
    expect(looksMalformed(`<r>${'<!---->'.repeat(600)}x`)).toBe(true);
    expect(looksMalformed(`<r>${'</r>'.repeat(20_000)}${'<!---->'.repeat(500)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('names the line when the validator confirms', () => {
    expect(malformedMessage(rss(item))).toBeNull();
    expect(malformedMessage('<rss>\n<channel>\n<title>a & b</title></channel></rss>')).toMatch(
      /^The feed's XML is malformed near line 3: /,
    );
  });
});

describe('parseFeed on XML the parser alone would accept', () => {
  it('recovers a feed whose root never closes, naming the line on the health line', () => {
    expect(parse(rss(item, '</channel>'))).toMatchObject({
      ok: true,
      items: [{ extId: '1', title: 'a' }],
      notices: [{ key: 'recoveredMalformed', params: { count: 1, line: expect.any(Number), cut: 0 } }],
    });
  });

  it('recovers a feed with a tag the parser cannot close, naming the line', () => {
    expect(parse(rss('<item>\n<title>a</b></item>'))).toMatchObject({
      ok: true,
      items: [{ title: 'a' }],
      notices: [{ key: 'recoveredMalformed', params: { count: 1, line: 3 } }],
    });
  });

  it('still fails a malformed document with no entry to keep, naming the line', () => {
    expect(parse(rss('<title>a</b>'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The feed's XML is malformed near line 2/),
    });
  });

  it('still reads a feed whose ampersands are all in CDATA', () => {
    const result = parse(rss('<item><guid>1</guid><description><![CDATA[<p>a & b</p>]]></description></item>'));
    expect(result.ok && result.items[0]?.html).toBe('<p>a &amp; b</p>');
  });
});
