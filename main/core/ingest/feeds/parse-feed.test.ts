import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NormalizedItem } from '../../../../shared/domain/item';
import { BILLION_LAUGHS, invalidUtf8Feed, NOT_A_FEED_HTML, xxeFeed } from '../testing/hostile-feeds';
import { parseFeed } from './parse-feed';

const CORPUS = join(__dirname, '../testing/corpus/feeds');
const NOW = Date.UTC(2026, 0, 1);
/** These are served gzip-compressed in the fetcher tests; raw they are binary. */
const GZIP_BODIES = new Set(['compressed.xml', 'invalid-characters-gzipped.xml']);

const corpusFiles = readdirSync(CORPUS).flatMap((dir) =>
  readdirSync(join(CORPUS, dir)).map((name) => ({ name, path: join(CORPUS, dir, name) })),
);

function parseFile(name: string, contentType: string | null = null) {
  const file = corpusFiles.find((f) => f.name === name);
  if (!file) throw new Error(`missing corpus file ${name}`);
  return parseFeed(readFileSync(file.path), { url: `https://corpus.test/${name}`, contentType, now: NOW });
}

function parseText(xml: string | Buffer, contentType: string | null = null) {
  return parseFeed(typeof xml === 'string' ? Buffer.from(xml) : xml, {
    url: 'https://feed.test/rss',
    contentType,
    now: NOW,
  });
}

describe('parseFeed over the corpus', () => {
  it('finds the corpus', () => {
    expect(corpusFiles.length).toBeGreaterThan(50);
  });

  it.each(corpusFiles.filter((f) => !GZIP_BODIES.has(f.name)).map((f) => [f.name]))(
    '%s parses into valid items or fails with a clear message',
    (name) => {
      const result = parseFile(name);
      if (result.ok) {
        for (const item of result.items) expect(NormalizedItem.safeParse(item).success).toBe(true);
      } else {
        expect(result.message).toMatch(/^(This|The) /);
        expect(result.message.length).toBeLessThan(200);
      }
    },
  );

  it('names an HTML page as such', () => {
    expect(parseFile('notafeed.html')).toEqual({
      ok: false,
      message: 'This address returned an HTML page, not a feed',
      problem: { code: 'htmlPage', params: {} },
    });
  });

  it('recovers every entry of malformed XML and names the line (saxerror.xml)', () => {
    const result = parseFile('saxerror.xml');
    expect(result).toMatchObject({
      ok: true,
      notices: [{ key: 'recoveredMalformed', params: { count: 3, line: 15, cut: 0 } }],
    });
    expect(result.ok && result.items.map((item) => item.title)).toEqual(['Good Item', 'Bad Item', 'Item After Error']);
  });

  it('rejects an unrecognized document clearly', () => {
    const result = parseFile('unrecognized.rss');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/malformed|not a feed/);
  });

  it('decodes windows-1251 from the XML prolog (iconv.xml)', () => {
    const result = parseFile('iconv.xml');
    expect(result.ok && result.title).toBe('Новости Оренбурга и области / Раздел Новости');
  });

  it('decodes ISO-8859-1 from the XML prolog (encoding.rss)', () => {
    const result = parseFile('encoding.rss');
    expect(result.ok && result.title).toBe('Jornal de Notícias - Últimas Notícias');
    expect(result.ok && result.items[0]?.text).toContain('Mãe de utente é a nova presidente da Raríssimas');
  });

  it('lets the HTTP charset win over the prolog', () => {
    const body = Buffer.from(
      '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9</title></channel></rss>',
      'utf8',
    );
    expect(parseText(body, 'application/rss+xml; charset=utf-8')).toMatchObject({ ok: true, title: 'Café' });
    expect(parseText(body, null)).toMatchObject({ ok: true, title: 'CafÃ©' });
  });

  it('falls back to windows-1252 when nothing is declared and the bytes are not UTF-8', () => {
    const body = Buffer.from('<rss version="2.0"><channel><title>Caf\u00e9</title></channel></rss>', 'latin1');
    expect(parseText(body)).toMatchObject({ ok: true, title: 'Café' });
  });

  it('reads RSS 2.0 fields into a normalized item', () => {
    const result = parseFile('rss2sample.xml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.title).toBe('Liftoff News');
    expect(result.items).toHaveLength(4);
    expect(result.items[0]).toMatchObject({
      extId: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
      url: 'http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp',
      language: 'en-us',
      publishedAt: Date.parse('Tue, 03 Jun 2003 09:39:21 GMT'),
    });
    expect(result.items[0]?.text.startsWith('Star City How do Americans get ready')).toBe(true);
  });

  it('reads RSS 1.0 (RDF) and Atom', () => {
    const rdf = parseFile('rss-1.rss');
    expect(rdf.ok && rdf.items.length).toBe(69);
    const atom = parseFile('tpm.atom');
    expect(atom.ok && atom.items[0]).toMatchObject({
      authorName: 'Esme Cribb',
      language: 'en-US',
      publishedAt: Date.parse('2017-11-08T23:15:58Z'),
    });
  });

  it('resolves links against item-scoped xml:base', () => {
    const result = parseFile('rss-with-item-scoped-html-base.xml');
    expect(result.ok && result.items[0]?.url).toBe('https://example.com/first/first');
    expect(result.ok && result.items[0]?.html).toContain('href="https://example.com/first/post"');
  });

  it('collects enclosures and media:content as media links', () => {
    const result = parseFile('mediacontent-dupes.xml');
    expect(result.ok && result.items[0]?.mediaUrls).toContain(
      'http://i.mol.im/i/pix/2013/02/03/article-2272640-174FCEE2000005DC-697_154x115.jpg',
    );
  });
});

describe('parseFeed edge cases', () => {
  it('reads JSON Feed 1.1', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON Blog',
      language: 'fr',
      items: [
        {
          id: '1',
          url: '/posts/1',
          title: 'Bonjour',
          content_html: '<p>Salut <script>x()</script>le monde</p>',
          date_published: '2025-06-01T10:00:00Z',
          authors: [{ name: 'Ana' }],
          attachments: [{ url: 'https://cdn.test/a.mp3', mime_type: 'audio/mpeg' }],
        },
        { id: '2', content_text: 'Texte seul' },
      ],
    });
    const result = parseText(json, 'application/feed+json');
    expect(result).toMatchObject({ ok: true, title: 'JSON Blog' });
    if (!result.ok) return;
    expect(result.items[0]).toMatchObject({
      extId: '1',
      url: 'https://feed.test/posts/1',
      text: 'Bonjour Salut le monde',
      html: '<p>Salut le monde</p>',
      authorName: 'Ana',
      language: 'fr',
      publishedAt: Date.parse('2025-06-01T10:00:00Z'),
      mediaUrls: ['https://cdn.test/a.mp3'],
    });
    expect(result.items[1]).toMatchObject({ extId: '2', text: 'Texte seul', html: null, publishedAt: NOW });
  });

  it('names broken JSON and JSON that is not a feed', () => {
    expect(parseText('{"title": ')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The feed's JSON is malformed/),
    });
    expect(parseText('{"hello": 1}')).toEqual({
      ok: false,
      message: 'This JSON document is not a JSON Feed (version 1.x)',
      problem: { code: 'notJsonFeed', params: {} },
    });
  });

  it('names an empty body and an HTML page served as text/html', () => {
    expect(parseText('   ')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseText(NOT_A_FEED_HTML, 'text/html')).toEqual({
      ok: false,
      message: 'This address returned an HTML page, not a feed',
      problem: { code: 'htmlPage', params: {} },
    });
    expect(parseText('<page><p>x</p></page>', 'text/html')).toEqual({
      ok: false,
      message: 'This address returned an HTML page, not a feed',
      problem: { code: 'htmlPage', params: {} },
    });
    expect(parseText('<page><p>x</p></page>', 'application/xml')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a feed we recognize/),
    });
  });

  it('falls back to a hash for the id and to now for a bad date', () => {
    const xml =
      '<rss version="2.0"><channel><title>t</title><item><title>No id</title><pubDate>not a date</pubDate></item></channel></rss>';
    const result = parseText(xml);
    expect(result.ok && result.items[0]).toMatchObject({
      extId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      publishedAt: NOW,
      url: null,
    });
    const again = parseText(xml);
    expect(again.ok && again.items[0]?.extId).toBe(result.ok && result.items[0]?.extId);
  });

  it('does not expand entities: billion laughs stays small and fast', () => {
    const started = performance.now();
    const result = parseText(BILLION_LAUGHS);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.stringify(result).length).toBeLessThan(5000);
    expect(result.items[0]?.text).not.toContain('lollol');
  });

  it('does not read local files through external entities (XXE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'riposte-xxe-'));
    const secretPath = join(dir, 'secret.txt');
    writeFileSync(secretPath, 'TOP-SECRET-XXE-CANARY');
    try {
      for (const url of [pathToFileURL(secretPath).href, 'file:///etc/passwd']) {
        const result = parseText(xxeFeed(url));
        const everything = JSON.stringify(result);
        expect(everything).not.toContain('TOP-SECRET-XXE-CANARY');
        expect(everything).not.toMatch(/root:.*:0:0:/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps invalid UTF-8 readable with replacement characters', () => {
    const result = parseText(invalidUtf8Feed(), 'application/rss+xml; charset=utf-8');
    expect(result).toMatchObject({ ok: true, title: 'Café crème' });
    expect(result.ok && result.items[0]?.text).toMatch(/^Broken \uFFFD+A bytes$/);
  });

  it('sanitizes item HTML', () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>x</title>
      <description><![CDATA[<p onclick="x()">Hi<img src="javascript:alert(1)"><script>bad()</script></p>]]></description></item></channel></rss>`;
    const result = parseText(xml);
    expect(result.ok && result.items[0]?.html).toBe('<p>Hi<img></p>');
  });
});
