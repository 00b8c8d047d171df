import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog, namespaces } from '../../../shared/i18n/catalog';
import type { Source } from '../../../shared/sources/source';
import { noticeSentences } from './SourceHealthLine';
import { loadAllSources } from './load-all-sources';
import { sourcesShownAtFirst, visibleSources } from './visible-sources';

const source = (n: number, label = `Feed ${n}`): Source => ({
  id: `s${String(n).padStart(5, '0')}`,
  roomId: 'r1',
  kind: 'feed',
  label,
  config: { kind: 'feed', url: `https://news${n}.test/rss` },
  paused: false,
  allied: false,
  credentialSet: false,
  health: {
    state: 'ok',
    lastFetchAt: null,
    nextPollAt: null,
    itemsTaken: 0,
    consecutiveFailures: 0,
    lastError: null,
    problem: null,
    notices: [],
  },
  createdAt: n,
});

describe('loading every source of a room', () => {
  it('pages through 2,000 sources until a short page', async () => {
    const all = Array.from({ length: 2000 }, (_, n) => source(n));
    const asked: Array<string | undefined> = [];
    const result = await loadAllSources(
      'r1',
      async ({ after, limit }) => {
        asked.push(after?.id);
        const from = after === undefined ? 0 : all.findIndex((s) => s.id === after.id) + 1;
        return { ok: true, value: all.slice(from, from + limit) };
      },
      700,
    );
    expect(result.ok && result.value.map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect(asked).toEqual([undefined, 's00699', 's01399']);
  });

  it('stops at the first failed page', async () => {
    const failure = { ok: false as const, code: 'internal' as const, message: 'Something went wrong' };
    const result = await loadAllSources('r1', async () => failure, 10);
    expect(result).toEqual(failure);
  });
});

describe('the Sources panel with many sources', () => {
  const all = Array.from({ length: 2000 }, (_, n) => source(n, n === 1234 ? 'Le Monde — Élections' : `Feed ${n}`));

  it('draws the first hundred, then more on demand', () => {
    expect(visibleSources(all, '', sourcesShownAtFirst)).toMatchObject({ matching: 2000 });
    expect(visibleSources(all, '', sourcesShownAtFirst).rows).toHaveLength(100);
    expect(visibleSources(all, '', 200).rows).toHaveLength(200);
  });

  it('filters by name or address, case and accents folded, fast', () => {
    const started = performance.now();
    expect(visibleSources(all, 'elections', 100).rows.map((s) => s.label)).toEqual(['Le Monde — Élections']);
    expect(visibleSources(all, 'news1999.test', 100).rows.map((s) => s.id)).toEqual(['s01999']);
    expect(visibleSources(all, 'nothing like it', 100)).toEqual({ rows: [], matching: 0 });
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('health notices in words', () => {
  beforeAll(async () => {
    await i18next.init({ resources: catalog, lng: 'en', fallbackLng: 'en', ns: namespaces, defaultNS: 'common' });
  });

  it('says what a poll had to work around, in English and French', async () => {
    const notices: Source['health']['notices'] = [
      { key: 'recoveredMalformed', params: { count: 37, line: 12, cut: 1 } },
      { key: 'encodingGuessed', params: { encoding: 'windows-1251' } },
      { key: 'entriesMissingFields', params: { count: 1 } },
    ];
    const en = i18next.getFixedT('en', 'sources');
    expect(noticeSentences(notices, en)).toEqual([
      'Recovered from malformed XML (near line 12): 37 items kept',
      '1 entry cut off mid-download was left out',
      'No encoding declared: read as windows-1251 (guessed)',
      '1 entry had no title, link or text: kept as it came',
    ]);
    const fr = i18next.getFixedT('fr', 'sources');
    expect(
      noticeSentences([{ key: 'encodingMisdeclared', params: { encoding: 'windows-1252', declared: 'utf-8' } }], fr),
    ).toEqual(["Déclaré en utf-8, ce qu'il n'est pas : lu en windows-1252 (deviné)"]);
  });
});
