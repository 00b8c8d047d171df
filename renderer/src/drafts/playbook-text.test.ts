import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networks } from '../../../shared/drafts/networks';
import { Playbook, emptyPlaybook } from '../../../shared/playbook/playbook';
import { fromText, toText } from './playbook-text';

describe('toText', () => {
  it('writes each list as one line per entry', () => {
    const text = toText({
      pillars: [
        { name: 'Fair play', description: 'We cheer both sides' },
        { name: 'Local', description: '' },
      ],
      voice: 'Warm, short.',
      bannedTerms: [{ term: 'cheat', reason: 'legal: never accuse' }],
      alliedSources: { accounts: [{ network: 'mastodon', handle: 'acme@mastodon.social' }], domains: ['acme.fr'] },
      trackedHashtags: ['final', 'WorldCup'],
    });
    expect(text).toEqual({
      pillars: 'Fair play: We cheer both sides\nLocal',
      voice: 'Warm, short.',
      bannedTerms: 'cheat: legal: never accuse',
      accounts: 'mastodon:acme@mastodon.social',
      domains: 'acme.fr',
      hashtags: 'final\nWorldCup',
    });
  });

  it('writes the empty playbook as empty fields', () => {
    expect(Object.values(toText(emptyPlaybook)).every((field) => field === '')).toBe(true);
  });
});

describe('fromText', () => {
  it('reads lines as typed in a hurry: blank lines skipped, spaces around the colon trimmed', () => {
    const input = fromText({
      pillars: '\n  Fair play :  We cheer both sides \n\nLocal\n',
      voice: 'Warm.',
      bannedTerms: 'cheat:legal: never accuse',
      accounts: ' x:acme \n',
      domains: 'acme.fr\n\n',
      hashtags: '#final\n',
    });
    expect(input).toEqual({
      pillars: [
        { name: 'Fair play', description: 'We cheer both sides' },
        { name: 'Local', description: '' },
      ],
      voice: 'Warm.',
      bannedTerms: [{ term: 'cheat', reason: 'legal: never accuse' }],
      alliedSources: { accounts: [{ network: 'x', handle: 'acme' }], domains: ['acme.fr'] },
      trackedHashtags: ['#final'],
    });
  });

  it('leaves a banned term without a reason for main to refuse, naming it', () => {
    expect(fromText({ ...toText(emptyPlaybook), bannedTerms: 'cheat' }).bannedTerms).toEqual([
      { term: 'cheat', reason: '' },
    ]);
    expect(Playbook.safeParse(fromText({ ...toText(emptyPlaybook), bannedTerms: 'cheat' })).success).toBe(false);
  });
});

// Words a line can hold: no colon where the colon separates, no line break anywhere.
const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 '!?-]{0,15}[A-Za-zÀ-ÿ0-9]$/);
const sentence = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 ,:'!?-]{0,30}[A-Za-zÀ-ÿ0-9]$/);
const playbook = fc.record({
  pillars: fc.array(fc.record({ name: word, description: fc.oneof(fc.constant(''), sentence) }), { maxLength: 4 }),
  voice: fc.oneof(
    fc.constant(''),
    fc.array(sentence, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')),
  ),
  bannedTerms: fc.array(fc.record({ term: word, reason: sentence }), { maxLength: 4 }),
  alliedSources: fc.record({
    accounts: fc.array(
      fc.record({
        network: fc.constantFrom(...networks),
        handle: fc.stringMatching(/^@?[a-z0-9_.-]{1,12}(@[a-z0-9.-]{1,12})?$/),
      }),
      { maxLength: 3 },
    ),
    domains: fc.array(fc.stringMatching(/^[a-z0-9]{1,10}\.[a-z]{2,5}$/), { maxLength: 3 }),
  }),
  trackedHashtags: fc.array(fc.stringMatching(/^#?[A-Za-z0-9_]{1,12}$/), { maxLength: 4 }),
});

describe('toText then fromText', () => {
  it('gives back every valid playbook, as main reads it', () => {
    fc.assert(
      fc.property(playbook, (original) => {
        const valid = Playbook.parse(original);
        expect(Playbook.parse(fromText(toText(valid)))).toEqual(valid);
      }),
    );
  });
});
