import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { said } from '../../../shared/sources/health-problem';
import type { Source } from '../../../shared/sources/source';
import { initCatalogI18n } from '../testing/catalog-i18n';
import { problemText } from './problem-text';
import { sourceActions } from './source-actions';
import { visibleSources } from './visible-sources';

beforeAll(() => initCatalogI18n('fr'));

const unreadable = said('settingsUnreadable');

const source = (fields: Partial<Source> = {}): Source => ({
  id: 's1',
  roomId: 'r1',
  kind: 'feed',
  label: 'Le Direct',
  config: { kind: 'feed', url: 'https://direct.example.com/rss' },
  paused: false,
  allied: false,
  credentialSet: false,
  health: {
    state: 'ok',
    lastFetchAt: null,
    nextPollAt: null,
    itemsTaken: 12,
    consecutiveFailures: 0,
    lastError: null,
    problem: null,
    notices: [],
  },
  createdAt: 1,
  ...fields,
});

/** As main lists a source whose stored settings could not be read (source-repository.ts). */
const unreadableSource = (fields: Partial<Source> = {}): Source =>
  source({
    config: null,
    ...fields,
    health: { ...source().health, state: 'error', lastError: unreadable.message, problem: unreadable.problem },
  });

describe('a source whose stored settings could not be read, in the Sources panel', () => {
  it('says so, and what to do, in the reader’s language', async () => {
    const { health } = unreadableSource();
    await i18next.changeLanguage('fr');
    expect(problemText(health, i18next.t, 'fr')).toBe(
      'Riposte n’a pas pu lire les réglages enregistrés de cette source (le stockage est peut-être abîmé, ou une version plus récente de Riposte les a écrits) : elle n’est donc pas interrogée ; les autres sources continuent. Supprimez-la, puis ajoutez-la de nouveau.',
    );
    await i18next.changeLanguage('en');
    expect(problemText(health, i18next.t, 'en')).toBe(
      "Riposte could not read this source's stored settings (the store may be damaged, or a newer version of Riposte wrote them), so it is not polled; every other source carries on. Remove it and add it again.",
    );
  });

  it('offers nothing but Remove, paused or not, replay or not', () => {
    const none = { pauseOrResume: null, pollNow: false, replayControls: false };
    expect(sourceActions(unreadableSource())).toEqual(none);
    expect(sourceActions(unreadableSource({ paused: true }))).toEqual(none);
    expect(sourceActions(unreadableSource({ kind: 'replay' }))).toEqual(none);
    // The ones that read keep their buttons.
    expect(sourceActions(source())).toEqual({ pauseOrResume: 'pause', pollNow: true, replayControls: false });
    expect(sourceActions(source({ paused: true }))).toEqual({
      pauseOrResume: 'resume',
      pollNow: false,
      replayControls: false,
    });
    expect(
      sourceActions(source({ kind: 'replay', config: { kind: 'replay', recording: 'demo-final', speed: 10 } })),
    ).toEqual({ pauseOrResume: 'pause', pollNow: false, replayControls: true });
  });

  it('is found by its name in the filter, beside the others', () => {
    const all = [source(), unreadableSource({ id: 's2', label: 'Coupé' })];
    expect(visibleSources(all, 'coupe', 100).rows.map((row) => row.id)).toEqual(['s2']);
    expect(visibleSources(all, 'direct.example', 100).rows.map((row) => row.id)).toEqual(['s1']);
  });
});
