import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashtagsOf, indexedTag, textHasHashtag } from './hashtags';

describe('hashtags', () => {
  it('folds case and accents, and reads each tag to its end', () => {
    expect(hashtagsOf('#FuitePalmarès, puis #fuitepalmares et #FUITEPALMARES!')).toEqual(['fuitepalmares']);
    expect(hashtagsOf('#ChaussetteGate2026 #Chaussette_Gate #chaussette-gate')).toEqual([
      'chaussettegate2026',
      'chaussette_gate',
      'chaussette',
    ]);
    expect(hashtagsOf('sans dièse, C# et ## ou # seul')).toEqual([]);
    expect(hashtagsOf('##double a#b (#entre) #e\u0301te\u0301')).toEqual(['double', 'b', 'entre', 'ete']);
    // A character outside the BMP ends a tag, as it does for the matcher.
    expect(hashtagsOf('#ab\u{1d400}cd')).toEqual(['ab']);
    expect(indexedTag('FuitePalmarès')).toBe('fuitepalmares');
    expect(indexedTag('ab\u{1d400}')).toBeNull();
    expect(indexedTag('\u0301')).toBeNull();
  });

  it('agrees with the matcher: a text has #tag exactly when the folded tag is one of its tags', () => {
    const pieces = [
      '#',
      '#',
      ' ',
      '-',
      '_',
      '.',
      'a',
      'B',
      'é',
      'E\u0301',
      'è',
      'ß',
      'İ',
      'Σ',
      'σ',
      'ς',
      'Ω',
      '\u212a',
      'ǅ',
      '3',
      '٣',
      '\u{1d400}',
      '\u{20000}',
      '😀',
      '\u0301',
      'ﬁ',
      'Ⅻ',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(''));
    const typed = fc
      .array(fc.constantFrom(...pieces.filter((piece) => !'# -.'.includes(piece))), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, typed, (body, typedTag) => {
        const tags = hashtagsOf(body);
        expect(new Set(tags).size).toBe(tags.length);
        for (const tag of tags) {
          expect(indexedTag(tag)).toBe(tag);
          expect(textHasHashtag(body, tag)).toBe(true);
          for (const variant of [tag.toUpperCase(), tag.slice(0, -1), tag.slice(1)]) {
            const folded = indexedTag(variant);
            if (folded !== null) expect(tags.includes(folded), variant).toBe(textHasHashtag(body, variant));
          }
        }
        const tag = indexedTag(typedTag);
        if (tag !== null) expect(tags.includes(tag)).toBe(textHasHashtag(body, typedTag));
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});
