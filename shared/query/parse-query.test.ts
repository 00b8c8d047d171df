import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightTerms, parseQuery } from './parse-query';

const ast = (input: string) => {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.message}`);
  return result.ast;
};

describe('parseQuery', () => {
  it('reads the examples users type', () => {
    expect(ast('blackout OR panne')).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', value: 'blackout' },
        { kind: 'term', value: 'panne' },
      ],
    });
    expect(ast('"coup franc" -pub')).toEqual({
      kind: 'and',
      children: [
        { kind: 'phrase', value: 'coup franc' },
        { kind: 'not', child: { kind: 'term', value: 'pub' } },
      ],
    });
    expect(ast('#ChaussetteGate')).toEqual({ kind: 'hashtag', value: 'ChaussetteGate' });
    expect(ast('arbit*')).toEqual({ kind: 'prefix', value: 'arbit' });
    expect(ast('(var OR arbitre) AND NOT @SodaFizz')).toEqual({
      kind: 'and',
      children: [
        {
          kind: 'or',
          children: [
            { kind: 'term', value: 'var' },
            { kind: 'term', value: 'arbitre' },
          ],
        },
        { kind: 'not', child: { kind: 'mention', value: 'SodaFizz' } },
      ],
    });
  });

  it('binds AND tighter than OR, and a space is AND', () => {
    expect(ast('a b OR c')).toEqual({
      kind: 'or',
      children: [
        {
          kind: 'and',
          children: [
            { kind: 'term', value: 'a' },
            { kind: 'term', value: 'b' },
          ],
        },
        { kind: 'term', value: 'c' },
      ],
    });
    expect(ast('a AND b c')).toEqual({
      kind: 'and',
      children: ['a', 'b', 'c'].map((value) => ({ kind: 'term', value })),
    });
  });

  it('takes French operators, keeps lower-case ones as words, and a hyphen inside a word as text', () => {
    expect(ast('panne OU coupure')).toMatchObject({ kind: 'or' });
    expect(ast('rock or roll')).toMatchObject({
      kind: 'and',
      children: [{ value: 'rock' }, { value: 'or' }, { value: 'roll' }],
    });
    expect(ast('coup-franc')).toEqual({ kind: 'term', value: 'coup-franc' });
    expect(ast('-"coup franc"')).toEqual({ kind: 'not', child: { kind: 'phrase', value: 'coup franc' } });
    expect(ast('NOT NOT var')).toEqual({ kind: 'term', value: 'var' });
    expect(ast('@jean@mastodon.social')).toEqual({ kind: 'mention', value: 'jean@mastodon.social' });
    expect(ast('« coup franc »')).toEqual({ kind: 'phrase', value: 'coup franc' });
  });

  it('treats an empty query as match-all', () => {
    expect(parseQuery('   ')).toEqual({ ok: true, ast: null });
  });

  it.each([
    ['(var OR arbitre', 'query.errors.unclosedParen', 0, 'Missing closing parenthesis'],
    ['var )', 'query.errors.unexpectedCloseParen', 4, 'Unexpected closing parenthesis'],
    ['blackout OR', 'query.errors.operatorNeedsBothSides', 9, 'OR needs a term on both sides'],
    ['OR panne', 'query.errors.operatorNeedsBothSides', 0, 'OR needs a term on both sides'],
    ['a AND OR b', 'query.errors.operatorNeedsBothSides', 2, 'AND needs a term on both sides'],
    ['var NOT', 'query.errors.notNeedsTerm', 4, 'NOT needs a term'],
    ['PSG - OM', 'query.errors.notNeedsTerm', 4, 'excludes the word glued to it'],
    ['"coup franc', 'query.errors.unclosedQuote', 0, 'Missing closing quote'],
    ['""', 'query.errors.emptyPhrase', 0, 'Empty quotes'],
    ['a ()', 'query.errors.emptyParens', 2, 'Empty parentheses'],
    ['#', 'query.errors.emptyMarker', 0, 'needs a name'],
    ['@ x', 'query.errors.emptyMarker', 0, 'needs a name'],
    ['a*', 'query.errors.prefixTooShort', 0, 'at least 2 letters'],
    ['!!!', 'query.errors.nothingSearchable', 0, 'no letters or digits'],
    ['('.repeat(40) + 'a' + ')'.repeat(40), 'query.errors.tooDeep', 32, 'nested'],
    ['x'.repeat(1001), 'query.errors.tooLong', 1000, 'too long'],
  ])('explains %j', (input, key, position, text) => {
    const result = parseQuery(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.messageKey).toBe(key);
    expect(result.position).toBe(position);
    expect(result.message).toContain(text);
    expect(result.params).toBeTypeOf('object');
  });

  it('counts positions from 1 in messages', () => {
    const result = parseQuery('a OR b AND (c OR d');
    expect(result).toMatchObject({
      ok: false,
      position: 11,
      message: 'Missing closing parenthesis for the "(" at position 12.',
    });
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'é', ' ', '(', ')', '"', '-', '*', '#', '@', 'OR', 'AND', 'NOT', '«', ':', '^'),
        }),
        (input) => {
          const result = parseQuery(input);
          if (!result.ok) {
            expect(result.message.length).toBeGreaterThan(0);
            expect(result.position).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), (input) => void parseQuery(input)),
      { numRuns: 1000 },
    );
  });
});

describe('highlightTerms', () => {
  it('lists what is looked for, not what is excluded', () => {
    expect(highlightTerms(ast('(var OR arbitre) "coup franc" arbit* #Gate -pub AND NOT @SodaFizz'))).toEqual([
      'var',
      'arbitre',
      'coup franc',
      'arbit',
      '#Gate',
    ]);
    expect(highlightTerms(null)).toEqual([]);
  });
});
