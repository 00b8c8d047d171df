import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightText, matchRanges } from './highlight';

const marked = (text: string, terms: string[]) =>
  highlightText(text, terms)
    .filter((piece) => piece.match)
    .map((piece) => piece.text);

describe('matchRanges', () => {
  it('finds a term at a word start only, ignoring case', () => {
    expect(matchRanges('Art at the start: ART', ['art'])).toEqual([
      [0, 3],
      [18, 21],
    ]);
  });

  it('folds accents both ways, as the search does', () => {
    expect(marked('Le café de la Fête', ['cafe', 'fête'])).toEqual(['café', 'Fête']);
    expect(marked('Le cafe de la fete', ['café', 'FÊTE'])).toEqual(['cafe', 'fete']);
  });

  it('counts offsets in UTF-16 units after emoji and other astral characters', () => {
    const text = '🎉🎉 Goal! 𝒢 goal';
    const ranges = matchRanges(text, ['goal']);
    expect(ranges.map(([start, end]) => text.slice(start, end))).toEqual(['Goal', 'goal']);
  });

  it('merges overlapping matches into one range', () => {
    expect(matchRanges('world cup final', ['world cup', 'cup final'])).toEqual([[0, 15]]);
    expect(matchRanges('goalgoal', ['goal', 'goalgoal'])).toEqual([[0, 8]]);
  });

  it('finds nothing without terms, in empty text, or for empty terms', () => {
    expect(matchRanges('goal', [])).toEqual([]);
    expect(matchRanges('', ['goal'])).toEqual([]);
    expect(matchRanges('goal', [''])).toEqual([]);
  });
});

describe('highlightText', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'E', ' ', '-', '🎉'), maxLength: 30 });
  const term = fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'É'), minLength: 1, maxLength: 3 });

  it('splits the text into pieces that join back to it, never two plain pieces in a row', () => {
    fc.assert(
      fc.property(text, fc.array(term, { maxLength: 3 }), (value, terms) => {
        const pieces = highlightText(value, terms);
        expect(pieces.map((piece) => piece.text).join('')).toBe(value);
        for (let i = 1; i < pieces.length; i += 1) {
          expect(pieces[i - 1]?.match && pieces[i]?.match).toBe(false);
          expect(pieces[i]?.text).not.toBe('');
        }
      }),
    );
  });

  it('marks a term wherever it starts a word of the text', () => {
    fc.assert(
      fc.property(text, term, text, (before, word, after) => {
        const value = `${before} ${word}${after}`;
        const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        const pieces = highlightText(value, [word]);
        const start = before.length + 1;
        let at = 0;
        const covering = pieces.find((piece) => {
          const from = at;
          at += piece.text.length;
          return from <= start && start < at;
        });
        expect(covering?.match).toBe(true);
        for (const piece of pieces.filter((p) => p.match)) expect(fold(piece.text)).toContain(fold(word));
      }),
    );
  });
});
