import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLength, countFor, countGraphemes, countGraphemesWithSegmenter } from './network-length';
import { findUrls } from './url-spans';

describe('checkLength', () => {
  it('counts plain Latin text one per character on every network', () => {
    for (const network of ['x', 'mastodon', 'bluesky'] as const) {
      expect(countFor('Allez les Bleus !', network)).toBe(17);
      expect(countFor('été à Noël', network)).toBe(10);
    }
  });

  it('X: every link counts 23, bare domains included', () => {
    const body = 'Voir https://example.com/a/very/long/path?x=1 maintenant.';
    expect(countFor(body, 'x')).toBe('Voir '.length + 23 + ' maintenant.'.length);
    expect(countFor('lemonde.fr', 'x')).toBe(23);
    expect(countFor('ex: https://a.co', 'x')).toBe(4 + 23);
  });

  it('X: CJK and emoji weigh 2, an emoji sequence counts once', () => {
    expect(countFor('日本語', 'x')).toBe(6);
    expect(countFor('한국', 'x')).toBe(4);
    expect(countFor('👍🏽', 'x')).toBe(2);
    expect(countFor('👨‍👩‍👧', 'x')).toBe(2);
    expect(countFor('🇫🇷', 'x')).toBe(2);
    // Curly quotes and dashes are in twitter-text's light ranges; the ellipsis (U+2026) is not.
    expect(countFor('“quoted” — dash…', 'x')).toBe(17);
    expect(countFor('©', 'x')).toBe(1);
    // © joined to marks is one pictographic grapheme: it weighs 2 however many marks follow.
    expect(countFor('©\u200d\u0301', 'x')).toBe(2);
  });

  it('X: counts composed accents once (NFC) and limits at 280', () => {
    expect(countFor('e\u0301te\u0301', 'x')).toBe(3);
    expect(checkLength('a'.repeat(280), 'x')).toEqual({ network: 'x', count: 280, limit: 280, remaining: 0, ok: true });
    expect(checkLength('日'.repeat(141), 'x')).toMatchObject({ count: 282, ok: false });
  });

  it('Mastodon: links with a scheme count 23, @user@domain counts as @user, limit 500', () => {
    expect(countFor('https://example.com/' + 'x'.repeat(100), 'mastodon')).toBe(23);
    expect(countFor('Merci @acme@mastodon.social !', 'mastodon')).toBe('Merci @acme !'.length);
    expect(countFor('lemonde.fr', 'mastodon')).toBe(10);
    expect(checkLength('a'.repeat(501), 'mastodon')).toMatchObject({ limit: 500, ok: false, remaining: -1 });
    expect(checkLength('a'.repeat(501), 'mastodon', { limit: 1000 }).ok).toBe(true);
  });

  it('Bluesky: 300 graphemes, links counted in full', () => {
    expect(countFor('👨‍👩‍👧 famille', 'bluesky')).toBe(9);
    expect(countFor('https://example.com', 'bluesky')).toBe(19);
    expect(checkLength('é'.repeat(300), 'bluesky').ok).toBe(true);
    expect(checkLength('é'.repeat(301), 'bluesky').ok).toBe(false);
  });

  it('counts \\r\\n as one grapheme', () => {
    expect(countGraphemes('a\r\nb')).toBe(3);
  });

  it('counts graphemes exactly like Intl.Segmenter, fast path or not (property)', () => {
    const samples = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({
        unit: fc.constantFrom(
          'e',
          '\u0301',
          '\u200d',
          '👍',
          '🏽',
          '🇫',
          '🇷',
          '\r',
          '\n',
          '한',
          '\u1161',
          '\ud83d',
          'ก',
          '\u0e33',
          ' ',
          '\u0600',
          'ᄀ',
        ),
        maxLength: 30,
      }),
    );
    fc.assert(
      fc.property(samples, (text) => {
        expect(countGraphemes(text)).toBe(countGraphemesWithSegmenter(text));
        expect(countFor(text, 'bluesky')).toBe(countGraphemesWithSegmenter(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('weighs X text like a whole-text segmentation would (property)', () => {
    const light = (cp: number) =>
      cp <= 0x10ff ||
      (cp >= 0x2000 && cp <= 0x200d) ||
      (cp >= 0x2010 && cp <= 0x201f) ||
      (cp >= 0x2032 && cp <= 0x2037);
    const reference = (text: string) => {
      let weight = 0;
      for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(
        text.normalize('NFC'),
      )) {
        const first = segment.codePointAt(0) ?? 0;
        const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment);
        if (emoji && !(segment.length === 1 && light(first))) weight += 2;
        else for (const char of segment) weight += light(char.codePointAt(0) ?? 0) ? 1 : 2;
      }
      return weight;
    };
    const linkFree = fc.string({
      unit: fc.constantFrom(
        'a',
        'é',
        'e',
        '\u0301',
        '日',
        '👍',
        '🏽',
        '\u200d',
        '🇫',
        '🇷',
        '©',
        '…',
        ' ',
        '한',
        '\u1161',
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(linkFree, (text) => {
        expect(countFor(text, 'x')).toBe(reference(text));
      }),
    );
  });

  it('never counts less than the graphemes minus shortened links (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const graphemes = countGraphemes(text);
        expect(countFor(text, 'bluesky')).toBe(graphemes);
        if (findUrls(text).length === 0) {
          expect(countFor(text, 'x')).toBeGreaterThanOrEqual(countGraphemes(text.normalize('NFC')));
        }
      }),
    );
  });
});

describe('findUrls', () => {
  it('finds scheme and bare links and leaves sentence punctuation out', () => {
    expect(findUrls('example.com et www.lemonde.fr/sport.').map((u) => u.text)).toEqual([
      'example.com',
      'www.lemonde.fr/sport',
    ]);
    expect(findUrls('(voir https://fr.wikipedia.org/wiki/Foo_(bar))').map((u) => u.text)).toEqual([
      'https://fr.wikipedia.org/wiki/Foo_(bar)',
    ]);
    expect(findUrls('e.g. Mr.Smith a@b.com @acme.bsky.social')).toEqual([]);
  });
});
