import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePostFilter } from './post-filter';
import { PostRecord, normalizePostRecord, recordMediaUrls } from './post-record';

const record = (text: string, extra: Record<string, unknown> = {}) => PostRecord.parse({ text, ...extra });

describe('compilePostFilter', () => {
  it('matches keywords case-insensitively on word boundaries', () => {
    const matches = compilePostFilter({ keywords: ['art', 'Coupe du monde', 'c++'] });
    expect(matches(record('Quel ART !'))).toBe(true);
    expect(matches(record('the start'))).toBe(false);
    expect(matches(record('la coupe du MONDE'))).toBe(true);
    expect(matches(record('I write C++ daily'))).toBe(true);
  });

  it('matches hashtags from facets, outline tags and the text', () => {
    const matches = compilePostFilter({ hashtags: ['#Final'] });
    const facets = [
      { index: { byteStart: 0, byteEnd: 6 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'FINAL' }] },
    ];
    expect(matches(record('no tag in text', { facets }))).toBe(true);
    expect(matches(record('outline', { tags: ['final'] }))).toBe(true);
    expect(matches(record('go #final go'))).toBe(true);
    expect(matches(record('go #finale go'))).toBe(false);
    expect(matches(record('the final'))).toBe(false);
  });

  it('lets every post through when no term is given, and never throws on odd terms', () => {
    expect(compilePostFilter({})(record('anything'))).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.string()), fc.string(), (terms, text) => {
        const matches = compilePostFilter({ keywords: terms, hashtags: terms });
        expect(typeof matches(record(text))).toBe('boolean');
      }),
    );
  });
});

describe('normalizePostRecord', () => {
  it('builds CDN image URLs and pins a future createdAt to when the post was seen', () => {
    const embed = {
      $type: 'app.bsky.embed.recordWithMedia',
      media: {
        $type: 'app.bsky.embed.images',
        images: [{ image: { $type: 'blob', ref: { $link: 'bafkimg' }, mimeType: 'image/jpeg' } }],
      },
    };
    expect(recordMediaUrls('did:plc:a', embed)).toEqual([
      'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:a/bafkimg@jpeg',
    ]);
    const item = normalizePostRecord(record('hi', { createdAt: '2099-01-01T00:00:00Z' }), {
      did: 'did:plc:a',
      rkey: 'r',
      receivedAt: 1_000,
      authorHandle: 'a.bsky.social',
      authorName: '',
    });
    expect(item).toMatchObject({ publishedAt: 1_000, authorName: null, language: null });
  });
});
