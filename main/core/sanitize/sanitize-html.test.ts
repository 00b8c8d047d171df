import { describe, expect, it } from 'vitest';
import { filterHtml } from './html-filter';
import { collapseWhitespace, htmlToText, sanitizeHtml, sanitizeWithText } from './sanitize-html';

/** Parses the output the way a browser would and lists anything that could run code. */
function activeParts(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<([a-z0-9-]+)([^>]*)>/gi)) {
    const tag = (match[1] ?? '').toLowerCase();
    const attrs = match[2] ?? '';
    if (
      [
        'script',
        'style',
        'iframe',
        'object',
        'embed',
        'form',
        'svg',
        'math',
        'base',
        'meta',
        'link',
        'noscript',
        'template',
      ].includes(tag)
    ) {
      found.push(tag);
    }
    if (/\son[a-z]+\s*=/i.test(attrs)) found.push(`${tag}[on*]`);
    if (/\sstyle\s*=/i.test(attrs)) found.push(`${tag}[style]`);
    if (/(?:javascript|vbscript|data):/i.test(attrs)) found.push(`${tag}[scheme]`);
  }
  return found;
}

describe('sanitizeHtml', () => {
  const hostile: Array<[string, string]> = [
    ['script', '<p>hi</p><script>alert(1)</script>'],
    ['onerror', '<img src="https://x.test/a.png" onerror="alert(1)">'],
    ['javascript href', '<a href="javascript:alert(1)">x</a>'],
    ['obfuscated javascript href', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['data href', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ['data image', '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">'],
    ['iframe', '<iframe src="https://evil.test"></iframe>'],
    ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
    ['form', '<form action="https://evil.test"><input name="q"><button>go</button></form>'],
    ['css expression', '<div style="width: expression(alert(1))">x</div>'],
    ['style element', '<style>body{background:url(javascript:alert(1))}</style><p>x</p>'],
    ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
    ['svg script', '<svg><script>alert(1)</script></svg>'],
    ['mXSS noscript', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
    [
      'mXSS math',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
    ],
    ['mXSS form', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'],
    ['base', '<base href="javascript:alert(1)//"><a href="x">x</a>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ['upper-case script', '<SCRIPT>alert(1)</SCRIPT><IMG SRC=x ONERROR=alert(1)>'],
    ['spaced javascript href', '<a href="  javascript:alert(1)">x</a>'],
    ['entity-encoded javascript href', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['quote breaking attribute', '<img alt=\'"><script>alert(1)</script>\' src="https://x.test/a.png">'],
    ['textarea', '<textarea><img src=x onerror=alert(1)></textarea>'],
    ['xmp', '<xmp><img src=x onerror=alert(1)></xmp>'],
    ['template', '<template><img src=x onerror=alert(1)></template>'],
    ['noembed', '<noembed><img src=x onerror=alert(1)></noembed>'],
    ['unclosed tag', '<img src="https://x.test/a.png" onerror="alert(1)"'],
    ['comment smuggling', '<!--><img src=x onerror=alert(1)>-->'],
    ['cdata smuggling', '<![CDATA[><img src=x onerror=alert(1)>]]>'],
  ];

  it.each(hostile)('leaves %s inert', (_name, html) => {
    const out = sanitizeHtml(html, 'https://feed.test/');
    expect(activeParts(out)).toEqual([]);
    // A second pass changes nothing: the output is stable, so no mutation can appear later.
    expect(sanitizeHtml(out, 'https://feed.test/')).toBe(out);
  });

  it('keeps formatting, lists, quotes and code', () => {
    const html =
      '<p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul><blockquote>d</blockquote><pre><code>e</code></pre>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('forces links to open outside without an opener and resolves them', () => {
    const out = sanitizeHtml('<a href="/post/1" onclick="x()">read</a>', 'https://blog.test/feed.xml');
    expect(out).toBe('<a href="https://blog.test/post/1" rel="noopener noreferrer" target="_blank">read</a>');
  });

  it('allows mailto links and http images only', () => {
    expect(sanitizeHtml('<a href="mailto:a@b.test">m</a>')).toContain('href="mailto:a@b.test"');
    expect(sanitizeHtml('<img src="ftp://x.test/a.png" alt="a">')).toBe('<img alt="a">');
    expect(sanitizeHtml('<img src="rel.png">', 'https://x.test/dir/')).toBe('<img src="https://x.test/dir/rel.png">');
  });

  it('drops relative URLs it cannot resolve', () => {
    expect(sanitizeHtml('<a href="/x">x</a>')).toBe('<a rel="noopener noreferrer" target="_blank">x</a>');
  });

  it('drops script, style, iframe, object, embed and form together with their content', () => {
    const out = sanitizeHtml(
      '<p>a</p><iframe>i</iframe><object>o</object><embed src="x.swf"><form>f<button>b</button></form><p>z</p>',
    );
    expect(out).toBe('<p>a</p><p>z</p>');
  });

  it('keeps only allowed attributes and replaces link rel/target', () => {
    expect(
      sanitizeHtml(
        '<a href="https://x.test/" target="_self" rel="opener" class="c" id="i" data-x="1" style="color:red">x</a>',
      ),
    ).toBe('<a href="https://x.test/" target="_blank" rel="noopener noreferrer">x</a>');
    expect(sanitizeHtml('<td colspan="2" rowspan="3" onclick="x()">c</td>')).toContain('colspan="2" rowspan="3"');
  });

  it('keeps escaped markup as text', () => {
    expect(sanitizeHtml('<p>&lt;script&gt;x&lt;/script&gt; &amp; more</p>')).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt; &amp; more</p>',
    );
    expect(htmlToText('<p>&lt;b&gt; &amp; 1 &gt; 0</p>')).toBe('<b> & 1 > 0');
  });

  it('reads a fragment with entities but no tag as text', () => {
    expect(sanitizeWithText('&lt;img src=x onerror=alert(1)&gt; &amp;amp; &nbsp;&eacute;')).toEqual({
      html: '&lt;img src=x onerror=alert(1)&gt; &amp;amp; \u00a0é',
      text: '<img src=x onerror=alert(1)> &amp; é',
    });
  });

  it('returns markup-free text unchanged without touching the DOM', () => {
    expect(sanitizeHtml('just words')).toBe('just words');
  });
});

describe('htmlToText', () => {
  it('strips tags, decodes entities and collapses whitespace', () => {
    expect(htmlToText('<p>Caf&eacute;  &amp;\n<b>cr&egrave;me</b></p><p>br&#251;l&#xE9;e</p>')).toBe(
      'Café & crème brûlée',
    );
  });

  it('does not leak script or style contents into the text', () => {
    expect(htmlToText('a<script>secret()</script><style>.x{}</style> b')).toBe('a b');
  });

  it('separates block elements with spaces but not inline ones', () => {
    expect(htmlToText('<p>one</p><p>two<b>three</b></p><ul><li>x</li><li>y</li></ul>')).toBe('one twothree x y');
  });

  it('gives html and text from one call', () => {
    expect(sanitizeWithText('<p>a <a href="https://x.test">b</a></p>')).toEqual({
      html: '<p>a <a href="https://x.test/" rel="noopener noreferrer" target="_blank">b</a></p>',
      text: 'a b',
    });
  });
});

describe('what a browser parser makes of the output', () => {
  // jsdom parses like a browser; the renderer's DOMPurify pass then has nothing left to remove.
  const allowedAttributes = new Set(['href', 'src', 'alt', 'title', 'width', 'height', 'cite', 'datetime']);
  for (const name of ['colspan', 'rowspan', 'lang', 'dir', 'rel', 'target']) allowedAttributes.add(name);

  it('contains only allowed elements, attributes and schemes', async () => {
    const { JSDOM } = await import('jsdom');
    const { document } = new JSDOM('<!doctype html><body></body>').window;
    const inputs = [
      '<p>hi</p><script>alert(1)</script>',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
      '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
      '<svg><p><style><img src=x onerror=alert(1)></style></p></svg>',
      '<table><a href="javascript:1"><td>x</td></a></table>',
      '<a href="https://ok.test/">ok</a><img src="https://ok.test/a.png" alt="a">',
    ];
    for (const input of inputs) {
      const template = document.createElement('template');
      template.innerHTML = sanitizeHtml(input, 'https://feed.test/');
      for (const element of template.content.querySelectorAll('*')) {
        expect(['script', 'style', 'iframe', 'svg', 'math', 'form', 'noscript']).not.toContain(element.localName);
        for (const attribute of element.attributes) {
          expect(allowedAttributes.has(attribute.name)).toBe(true);
          if (['href', 'src', 'cite'].includes(attribute.name)) expect(attribute.value).toMatch(/^(?:https?|mailto):/);
        }
      }
    }
  });
});

describe('fast paths', () => {
  it('reads a fragment without tags exactly as the filter would, entities hiding "<" included', () => {
    const fragments = [
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '&#60;img src=x onerror=alert(1)&#62;',
      '&#x3C;svg onload=alert(1)&#x3E;',
      '&amp;lt;b&amp;gt; escaped twice',
      'AT&T &notin; &amp &nbsp;x > y',
      ' &eacute;\n\t&#32; spaced ',
    ];
    for (const fragment of fragments) {
      const slow = filterHtml(fragment, undefined, true);
      expect(sanitizeWithText(fragment)).toEqual({ html: slow.html, text: collapseWhitespace(slow.text) });
      expect(sanitizeHtml(fragment)).toBe(slow.html);
      expect(sanitizeHtml(fragment)).not.toContain('<');
    }
  });

  it('leaves text without "<" or "&" as it is', () => {
    expect(sanitizeWithText('1 > 0 "quoted"')).toEqual({ html: '1 > 0 "quoted"', text: '1 > 0 "quoted"' });
  });

  it('collapses every kind of whitespace, and returns text with nothing to collapse unchanged', () => {
    expect(collapseWhitespace(' a\u00a0 b\tc\n\nd\u3000e ')).toBe('a b c d e');
    expect(collapseWhitespace('a  b')).toBe('a b');
    expect(collapseWhitespace('\ufeffa')).toBe('a');
    const clean = 'already one space between words';
    expect(collapseWhitespace(clean)).toBe(clean);
  });
});

describe('pathological markup', () => {
  it('keeps only the text of an item with tens of thousands of nested tags, quickly', () => {
    const hostile = `${'<div><span>'.repeat(20_000)}deep <script>alert(1)</script> text${'</i>'.repeat(20_000)}`;
    const started = performance.now();
    const { html, text } = sanitizeWithText(hostile);
    expect(performance.now() - started).toBeLessThan(500);
    expect(html).not.toMatch(/<(?!\/?\w)|<script|<div|<span/);
    expect(html).not.toContain('<');
    expect(text).toContain('deep');
    expect(text).toContain('text');
  });
});
