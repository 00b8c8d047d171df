import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHTML } from 'entities';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../feeds/decode-body';
import { readXmlFeedWithHtmlparser2 } from '../feeds/xml-feed';
import { decodeReferences } from './decode-references';
import { scanHtml, type HtmlEvents } from './html-scan';
import { collapseWhitespace, sanitizeWithText, sanitizeWithTextReference } from './sanitize-html';

/**
 * The fast paths (markup-free text, the allow-list filter, its tokenizer, reference decoding)
 * must give exactly what sanitize-html gives, on the corpus and on hostile and generated markup.
 */

const BASE = 'https://feed.test/dir/';

/** Same check as sanitize-html.test.ts: anything in the output that could run code. */
function activeParts(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<([a-z0-9-]+)([^>]*)>/gi)) {
    const tag = (match[1] ?? '').toLowerCase();
    const attrs = match[2] ?? '';
    const dangerous = ['script', 'style', 'iframe', 'object', 'embed', 'form', 'svg', 'math', 'base', 'meta'];
    if ([...dangerous, 'link', 'noscript', 'template', 'textarea', 'title', 'xmp'].includes(tag)) found.push(tag);
    if (/\son[a-z]+\s*=/i.test(attrs)) found.push(`${tag}[on*]`);
    if (/\sstyle\s*=/i.test(attrs)) found.push(`${tag}[style]`);
    if (/(?:javascript|vbscript|data):/i.test(attrs)) found.push(`${tag}[scheme]`);
  }
  return found;
}

/** Events as a list, adjacent text merged: tokenizers may cut text runs differently. */
function recorder(): { events: string[]; handler: HtmlEvents } {
  const events: string[] = [];
  return {
    events,
    handler: {
      onopentag: (name, attribs) => events.push(`<${name} ${JSON.stringify(Object.entries(attribs))}`),
      ontext: (text) => {
        const last = events.length - 1;
        if (events[last]?.startsWith('#')) events[last] += text;
        else events.push(`#${text}`);
      },
      onclosetag: (name) => events.push(`/${name}`),
    },
  };
}

function htmlparser2Events(html: string): string[] {
  const { events, handler } = recorder();
  new Parser(handler, { decodeEntities: false }).end(html);
  return events;
}

/** Whether the fast tokenizer reads `html` itself, and then that it reads it as htmlparser2 does. */
function scansLikeHtmlparser2(html: string): boolean {
  const { events, handler } = recorder();
  if (!scanHtml(html, handler)) return false;
  expect(events).toEqual(htmlparser2Events(html));
  return true;
}

function expectSameAsSanitizeHtml(html: string): void {
  expect(sanitizeWithText(html, BASE)).toEqual(sanitizeWithTextReference(html, BASE));
}

describe('the fast paths on hostile markup', () => {
  const hostile: Array<[string, string]> = [
    ['escaped script as text only', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['escaped script in markup', '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</p>'],
    ['double-escaped tag', '<p>&amp;lt;img src=x onerror=alert(1)&amp;gt;</p>'],
    ['numeric-escaped tag', '<p>&#60;img src=x onerror=alert(1)&#62; &#x3C;svg&#x3E;</p>'],
    ['< in plain text', '1 < 2 and 3 > 2, a<b, <3, x <= y'],
    ['< before a tag', '<p>1 < 2 <b>bold</b> 3 <> 4 << 5 <</p>'],
    ['stray < at the end', '<p>text</p><'],
    ['javascript href', '<a href="javascript:alert(1)">x</a>'],
    ['unquoted javascript href', '<a href=javascript:alert(1)>x</a>'],
    ['upper-case spaced javascript href', '<a href="  JaVaScRiPt:alert(1)">x</a>'],
    ['tab-broken javascript href', '<a href="jav&#x09;ascript:alert(1)">x</a><a href="java\nscript:alert(1)">y</a>'],
    ['entity-encoded javascript href', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['javascript img and cite', '<img src="javascript:alert(1)"><blockquote cite="javascript:alert(1)">q</blockquote>'],
    ['data and vbscript URLs', '<a href="data:text/html,<script>alert(1)</script>">x</a><a href="vbscript:x">y</a>'],
    ['mailto on an image', '<img src="mailto:a@b.test"><q cite="mailto:a@b.test">q</q>'],
    ['css expression', '<div style="width: expression(alert(1))">x</div>'],
    ['css javascript url', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['style element', '<style>body{background:url(javascript:alert(1))}</style><p>x</p>'],
    [
      'event handlers',
      '<img src="https://x.test/a.png" onerror="alert(1)"><p onclick=x()>p</p><a onmouseover=alert(1)>a</a>',
    ],
    ['upper-case handler', '<IMG SRC=x ONERROR=alert(1)><BODY ONLOAD=alert(1)>'],
    ['spaced handler', '<img src=x onerror = "alert(1)" >'],
    ['slash-separated handler', '<img/src=x/onerror=alert(1)>'],
    ['attributes glued together', '<img src="x"onerror="alert(1)">'],
    ['quote breaking attribute', '<img alt=\'"><script>alert(1)</script>\' src="https://x.test/a.png">'],
    ['escaped quote breaking attribute', '<img alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'],
    ['iframe', '<iframe src="https://evil.test"></iframe><p>after</p>'],
    ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['unclosed iframe', '<p>a</p><iframe><p>b</p><img src=x onerror=alert(1)>'],
    ['script', '<p>hi</p><script>alert(1)</script>'],
    ['script end look-alikes', '<script>\u001c/script><img src=x onerror=alert(1)></script><p>x</p>'],
    ['script with odd end tags', '<SCRIPT>a</scripts></ScRiPt x="</p>">b<script/>c</script'],
    ['split script tag', '<scr<script>ipt>alert(1)</script>'],
    ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
    ['svg script', '<svg><script>alert(1)</script></svg>'],
    ['svg style mXSS', '<svg><p><style><img src=x onerror=alert(1)></style></p></svg>'],
    [
      'math mXSS',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
    ],
    ['form mXSS', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'],
    ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
    ['textarea', '<textarea><img src=x onerror=alert(1)></textarea>'],
    ['title', '<title><img src=x onerror=alert(1)></title><p>x</p>'],
    ['xmp', '<xmp><img src=x onerror=alert(1)></xmp>'],
    ['template', '<template><img src=x onerror=alert(1)></template>'],
    ['noembed', '<noembed><img src=x onerror=alert(1)></noembed>'],
    ['object/embed', '<object data="x.swf"><param name=a></object><embed src="x.swf">'],
    [
      'base and meta',
      '<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ],
    ['image alias', '<image src=x onerror=alert(1)><image src="https://x.test/i.png"></image>'],
    ['unclosed tag', '<img src="https://x.test/a.png" onerror="alert(1)"'],
    ['unclosed elements', '<p><b><a href="https://x.test/">bold link'],
    ['unterminated attribute', '<div title="unterminated><img src=x onerror=alert(1)>'],
    ['comment smuggling', '<!--><img src=x onerror=alert(1)>--><!-- --!><img src=x onerror=alert(1)> -->'],
    ['cdata smuggling', '<![CDATA[><img src=x onerror=alert(1)>]]>'],
    ['processing instruction', '<?xml-stylesheet href="javascript:alert(1)"?><p>x</p>'],
    ['bogus end tags', '</ p><p>x</3></ >'],
    ['link rel and target', '<a href="https://x.test/" target=_self rel=opener class=c>x</a>'],
  ];

  it.each(hostile)('%s: same output as sanitize-html, nothing active', (_name, html) => {
    expectSameAsSanitizeHtml(html);
    const { html: out } = sanitizeWithText(html, BASE);
    expect(activeParts(out)).toEqual([]);
    expect(sanitizeWithText(out, BASE).html).toBe(out);
  });

  it('tokenizes ordinary and dangerous-but-regular markup itself, as htmlparser2 does', () => {
    const handledHere = [
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
      '<a href=javascript:alert(1) onclick="x()">x</a>',
      '<img src=x onerror=alert(1)><IMG SRC=x ONERROR=alert(1)>',
      '<div style="width: expression(alert(1))">x</div>',
      '<script>alert(1)</script><style>p{}</style><iframe src="https://e.test"></iframe>',
      '<p>a<li>b<li>c</p></br><table><tr><td>1<td>2</table><image src=x>',
      '<p><b><a href="https://x.test/">bold link',
    ];
    for (const html of handledHere) expect(scansLikeHtmlparser2(html)).toBe(true);
  });

  it('leaves foreign content, forms, noscript and odd syntax to htmlparser2', () => {
    const leftToHtmlparser2 = [
      '<svg><script>alert(1)</script></svg>',
      '<math><mi>x</mi></math>',
      '<form><form></form>',
      '<noscript><p>x</p></noscript>',
      '<plaintext><p>',
      '<script>\u001c/script></script>',
      '<img/src=x/onerror=alert(1)>',
      '<img src="x"onerror="alert(1)">',
      '<!--><img src=x onerror=alert(1)>-->',
      '<!-- a -- b -->',
      '<![CDATA[x]]>',
      '<?php x ?>',
      '</ p>',
      '<a b=>',
    ];
    for (const html of leftToHtmlparser2) expect(scanHtml(html, recorder().handler)).toBe(false);
  });
});

const MARKUP = fc.constantFrom(
  '<p>',
  '</p>',
  '<P class=x>',
  '<div>',
  '</div>',
  '<a href="https://x.test/a?b=1&amp;c=2">',
  '<a href=/rel>',
  '<a href=\'x\' title="t">',
  '</a>',
  '<b>',
  '</b>',
  '</I>',
  '<br>',
  '<br/>',
  '</br>',
  '<hr />',
  '<img src="https://x.test/i.png" alt="">',
  '<img src=x onerror=alert(1)>',
  '<image src="i.png">',
  '<ul>',
  '<li>',
  '</ul>',
  '<table>',
  '<tr>',
  '<td colspan=2>',
  '</td>',
  '<tbody>',
  '</table>',
  '<dl>',
  '<dt>',
  '<dd>',
  '<h1>',
  '</h2>',
  '<pre>',
  '<code>',
  '<blockquote cite="https://q.test/">',
  '<script>',
  '</script>',
  '<SCRIPT>',
  '</ScRiPt >',
  '</script',
  '<script/>',
  '<style>',
  '</style>',
  '<title>',
  '</title>',
  '<textarea>',
  '<xmp>',
  '<iframe src="https://e.test/">',
  '</iframe>',
  '<noembed>',
  '<noframes>',
  '<plaintext>',
  '<svg>',
  '</svg>',
  '<math>',
  '<form>',
  '</form>',
  '<noscript>',
  '<select>',
  '<option>',
  '<input>',
  '<object>',
  '<template>',
  '<!-- c -->',
  '<!---->',
  '<!-->',
  '<!--->',
  '<!-- a -- b -->',
  '<!doctype html>',
  '<![CDATA[x]]>',
  '<?php x ?>',
  '</>',
  '</ a>',
  '< a>',
  '<',
  '>',
  '"',
  "'",
  '=',
  '/',
  '<a/b>',
  '<a b="1"c="2">',
  '<a b=>',
  '<a b = "1">',
  '<a B="1" b="2">',
  '<a\u00a0b>',
  'text',
  ' ',
  '\n',
  '&amp;',
  '&lt;script&gt;',
  '&',
  '&#60;',
  '&notit;',
  '\u001c',
  '\u000f',
  '\u017fcript',
  '<a href="javascript:alert(1)">',
  '<a href="  JaVaScRiPt:x">',
  '<a href=mailto:a@b.test>',
  '<div style="x:expression(alert(1))">',
  '<p onclick="x()">',
  '<q cite="/x">',
  '<del cite="mailto:x@y.test">',
  '<font color=red>',
  '<body>',
);

describe('the fast paths on generated markup', () => {
  it('tokenize as htmlparser2 and sanitize as sanitize-html, whatever the sequence of tokens', () => {
    fc.assert(
      fc.property(fc.array(MARKUP, { maxLength: 30 }), (tokens) => {
        const html = tokens.join('');
        scansLikeHtmlparser2(html);
        expectSameAsSanitizeHtml(html);
      }),
      { numRuns: 3000 },
    );
  });

  it('do so on character soup too', () => {
    const soup = fc.constantFrom(...'<>/!-"\'= apbrscit&;\n?[]x1'.split(''));
    fc.assert(
      fc.property(fc.array(soup, { maxLength: 60 }), (chars) => {
        const html = chars.join('');
        scansLikeHtmlparser2(html);
        expectSameAsSanitizeHtml(html);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the fast paths over every item of the corpus', () => {
  const corpus = join(__dirname, '../testing/corpus/feeds');
  const fields: Array<{ html: string; base: string | undefined }> = [];
  for (const dir of readdirSync(corpus)) {
    for (const name of readdirSync(join(corpus, dir))) {
      let body = readFileSync(join(corpus, dir, name));
      if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
      const text = decodeBody(body, null).text.trimStart().replace(/\r\n?/g, '\n');
      if (!text.startsWith('<')) continue;
      const feed = readXmlFeedWithHtmlparser2(text, `https://corpus.test/${name}`);
      for (const entry of feed.entries) {
        const base = entry.base ?? feed.base ?? undefined;
        for (const html of [entry.title, entry.html]) if (html) fields.push({ html, base });
      }
    }
  }

  it('finds the items', () => {
    expect(fields.length).toBeGreaterThan(2500);
    expect(fields.filter((field) => field.html.includes('<')).length).toBeGreaterThan(400);
  });

  it('gives the HTML and text sanitize-html gives, for every title and body', () => {
    for (const { html, base } of fields)
      expect(sanitizeWithText(html, base)).toEqual(sanitizeWithTextReference(html, base));
  });

  it('tokenizes most of the markup itself, as htmlparser2 does', () => {
    const withTags = fields.filter((field) => field.html.includes('<'));
    const scanned = withTags.filter((field) => scansLikeHtmlparser2(field.html));
    expect(scanned.length / withTags.length).toBeGreaterThan(0.9);
  });
});

describe('decodeReferences', () => {
  it('decodes exactly as entities does', () => {
    const pieces = fc.constantFrom(
      ...['&', '&lt;', '&lt', '&ltimes;', '&gt;', '&amp;', '&amp', '&apos;', '&apos', '&quot;', '&#39;', '&#039;'],
      ...['&#x27;', '&#X27;', '&#0;', '&#128;', '&#150;', '&#159;', '&#160;', '&#127;', '&#xD800;', '&#55296;'],
      ...['&#1114112;', '&#99999999;', '&#00000065;', '&#x1F600;', '&#;', '&#x;', '&#a;', '&nbsp;', '&eacute;'],
      ...['&notit;', 'a', 'l', 't', ';', '#', 'x', '1', ' ', '<', '\u00e9'],
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(decodeReferences(text)).toBe(decodeHTML(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('collapseWhitespace', () => {
  it('collapses like replacing every run of \\s with one space', () => {
    const chars = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2028', '\u3000', '\ufeff', 'a', 'b');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 3000 },
    );
  });
});
