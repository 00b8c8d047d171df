import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalog, namespaces } from '../i18n/catalog';
import { alertWindowMs } from './alert-grouping';
import type { Moment } from './moment';
import { createMomentNotifier, type MomentNotification } from './moment-notifier';

const t0 = Date.UTC(2026, 6, 19, 20, 0, 0);

function moment(id: string, kind: Moment['kind'], extra: Partial<Moment> = {}): Moment {
  return {
    id,
    roomId: 'room-1',
    kind,
    term: null,
    columnId: null,
    note: null,
    onsetAt: t0,
    detectedAt: t0,
    peakAt: null,
    peakCount: null,
    baseline: null,
    samples: [],
    status: 'new',
    mergedInto: null,
    createdAt: t0,
    updatedAt: t0,
    ...extra,
  };
}

async function setUp(locale: 'en' | 'fr') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: catalog,
    lng: locale,
    fallbackLng: 'en',
    ns: namespaces,
    interpolation: { escapeValue: false },
  });
  let clock = t0;
  const shown: MomentNotification[] = [];
  const notifier = createMomentNotifier({
    now: () => clock,
    translator: () => i18n.getFixedT(locale, 'moments'),
    show: (notification) => shown.push(notification),
  });
  return { notifier, shown, advance: (ms: number) => (clock += ms) };
}

describe('moment notifier', () => {
  it('shows one notification per alert window and room, naming the strongest moment', async () => {
    const { notifier, shown, advance } = await setUp('en');
    notifier.detected('room-1', [
      moment('a', 'emerging', { term: '#blackout' }),
      moment('b', 'spike', { peakCount: 150 }),
    ]);
    advance(30_000);
    notifier.detected('room-1', [moment('c', 'emerging', { term: 'panne' })]);
    notifier.detected('room-2', []);
    notifier.detected('room-2', [moment('d', 'manual', { roomId: 'room-2', note: 'Blackout in the stadium' })]);
    expect(shown).toEqual([
      { roomId: 'room-1', title: 'Riposte: a moment', body: 'Spike: 150 posts in a minute' },
      { roomId: 'room-2', title: 'Riposte: a moment', body: 'Noted: Blackout in the stadium' },
    ]);
    advance(alertWindowMs);
    notifier.detected('room-1', [moment('e', 'spike', { columnId: 'c1', note: 'Incidents', peakCount: 40 })]);
    expect(shown.at(-1)?.body).toBe('Spike in “Incidents”: 40 posts in a minute');
  });

  it('speaks the person’s language', async () => {
    const { notifier, shown } = await setUp('fr');
    notifier.detected('room-1', [moment('a', 'scheduled', { note: 'Coup de sifflet final' })]);
    expect(shown).toEqual([{ roomId: 'room-1', title: 'Riposte : un moment', body: 'Repère : Coup de sifflet final' }]);
  });

  it('names a watch alert by its column, with the count in the right plural', async () => {
    const fr = await setUp('fr');
    fr.notifier.detected('room-1', [moment('a', 'watch', { columnId: 'c1', note: 'Risques', peakCount: 1 })]);
    fr.advance(alertWindowMs + 1);
    fr.notifier.detected('room-1', [moment('b', 'watch', { columnId: 'c1', note: 'Risques', peakCount: 3 })]);
    expect(fr.shown.map((n) => n.body)).toEqual([
      'Veille « Risques » : 1 publication correspondante',
      'Veille « Risques » : 3 publications correspondantes',
    ]);
    const en = await setUp('en');
    en.notifier.detected('room-1', [moment('a', 'watch', { columnId: 'c1', note: 'Risks', peakCount: 2 })]);
    expect(en.shown.map((n) => n.body)).toEqual(['Watch “Risks”: 2 matching posts']);
  });
});
