import { describe, expect, it } from 'vitest';
import { runAutoChecks } from './auto-checks';

const check = (images: { name: string; altText: string }[] | undefined) =>
  runAutoChecks('Quelle finale !', { bannedTerms: [], alliedAccounts: [], targets: ['mastodon'], images }).find(
    (r) => r.check === 'alt_text',
  );

describe('the alt text check', () => {
  it('has nothing to say without images', () => {
    expect(check(undefined)?.value).toBe('na');
    expect(check([])?.value).toBe('na');
  });

  it('names each attached image that has no description (blank counts as none)', () => {
    expect(
      check([
        { name: 'podium.jpg', altText: 'Les Bleus sur le podium' },
        { name: 'stade.png', altText: '  ' },
        { name: 'logo.png', altText: '' },
      ]),
    ).toMatchObject({
      value: 'fail',
      params: { images: 'stade.png, logo.png' },
      findings: { missing: ['stade.png', 'logo.png'] },
    });
    expect(check([{ name: 'podium.jpg', altText: 'Les Bleus sur le podium' }])?.value).toBe('pass');
  });
});
