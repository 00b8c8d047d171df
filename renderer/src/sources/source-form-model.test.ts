import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceAddInput } from '../../../shared/sources/source';
import { emptySourceForm, toAddInput, type SourceFormFields } from './source-form-model';

const form = (fields: Partial<SourceFormFields>): SourceFormFields => ({ ...emptySourceForm, ...fields });

describe('toAddInput', () => {
  it('turns each kind of form into the config main expects', () => {
    expect(toAddInput('r1', form({ kind: 'feed', label: 'Wire', url: 'https://example.org/rss' }))).toEqual({
      roomId: 'r1',
      label: 'Wire',
      allied: false,
      config: { kind: 'feed', url: 'https://example.org/rss' },
    });
    expect(toAddInput('r1', form({ kind: 'mastodon', label: 'Tag', tag: 'final', allied: true }))).toEqual({
      roomId: 'r1',
      label: 'Tag',
      allied: true,
      config: { kind: 'mastodon', instance: 'https://mastodon.social', tag: 'final' },
    });
    expect(
      toAddInput('r1', form({ kind: 'reddit', redditMode: 'subreddit', subreddit: 'soccer', query: 'x' })),
    ).toEqual({
      roomId: 'r1',
      label: '',
      allied: false,
      config: { kind: 'reddit', mode: 'subreddit', subreddit: 'soccer' },
    });
    expect(
      toAddInput('r1', form({ kind: 'reddit', redditMode: 'search', subreddit: 'soccer', query: 'final' })),
    ).toEqual({ roomId: 'r1', label: '', allied: false, config: { kind: 'reddit', mode: 'search', query: 'final' } });
    expect(toAddInput('r1', form({ kind: 'replay', recording: 'demo-final', speed: '60' })).config).toEqual({
      kind: 'replay',
      recording: 'demo-final',
      speed: 60,
    });
  });

  it('splits Bluesky keywords and hashtags on commas and lines, without # or blanks', () => {
    const input = toAddInput(
      'r1',
      form({ kind: 'bluesky', keywords: ' final ,\n\nwinner,, ', hashtags: '#WorldCup\n #final ,#' }),
    );
    expect(input.config).toEqual({
      kind: 'bluesky',
      mode: 'jetstream',
      keywords: ['final', 'winner'],
      hashtags: ['WorldCup', 'final'],
    });
  });

  it('sends the handle and query only for a Bluesky search', () => {
    const fields = { kind: 'bluesky', handle: 'acme.bsky.social', query: 'final' } as const;
    expect(toAddInput('r1', form({ ...fields, blueskyMode: 'jetstream' })).config).not.toHaveProperty('handle');
    expect(toAddInput('r1', form({ ...fields, blueskyMode: 'search' })).config).toMatchObject({
      mode: 'search',
      handle: 'acme.bsky.social',
      query: 'final',
    });
  });

  it('sends a credential trimmed, only when one is typed, and never for a feed', () => {
    expect(toAddInput('r1', form({ kind: 'mastodon', credential: '  token  ' }))).toMatchObject({
      credential: 'token',
    });
    expect(toAddInput('r1', form({ kind: 'mastodon', credential: '   ' }))).not.toHaveProperty('credential');
    expect(toAddInput('r1', form({ kind: 'bluesky', credential: 'app-pass' }))).toMatchObject({
      credential: 'app-pass',
    });
    expect(toAddInput('r1', form({ kind: 'feed', credential: 'token' }))).not.toHaveProperty('credential');
  });

  it('gives main a valid input for a filled-in form of every kind', () => {
    const filled: SourceFormFields[] = [
      form({ kind: 'feed', label: 'Wire', url: 'https://example.org/rss' }),
      form({ kind: 'mastodon', label: 'Tag', tag: '#final' }),
      form({ kind: 'bluesky', label: 'Sky', keywords: 'final, winner', hashtags: '#final' }),
      form({ kind: 'bluesky', label: 'Sky', blueskyMode: 'search', handle: 'acme.bsky.social', query: 'final' }),
      form({ kind: 'reddit', label: 'Sub', subreddit: 'soccer' }),
      form({ kind: 'replay', label: 'Rehearsal' }),
    ];
    for (const fields of filled) expect(SourceAddInput.safeParse(toAddInput('r1', fields)).success).toBe(true);
  });

  // Main trims each term; only one leading # is dropped ("##final" stays "#final").
  it('never lets a comma, a line break or a blank into a term, and keeps every word typed', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '\n', '#', 'é'), maxLength: 40 });
    fc.assert(
      fc.property(text, text, (keywords, hashtags) => {
        const { config } = toAddInput('r1', form({ kind: 'bluesky', keywords, hashtags }));
        if (config.kind !== 'bluesky') throw new Error('not a bluesky config');
        for (const term of [...(config.keywords ?? []), ...(config.hashtags ?? [])]) {
          expect(term).not.toMatch(/[,\n]/);
          expect(term.trim().length).toBeGreaterThan(0);
        }
        const words = (value: string) => value.replace(/[,\n# ]/g, '');
        expect((config.keywords ?? []).join('').replace(/[# ]/g, '')).toBe(words(keywords));
      }),
    );
  });
});
