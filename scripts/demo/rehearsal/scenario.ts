import { namedAccount } from '../accounts';
import { createRandom, type Random } from '../prng';
import { burst, piecewise, scaled, wobble, type RateCurve } from '../rate-model';
import type { MomentTruth, Scenario, ScheduledPost, Stream } from '../scenario';
import { rehearsalTopics } from './topics';

/**
 * Signal shapes for scoring a spike detector, in one overnight recording (21:00 to 05:00
 * Paris): a noisy baseline hiding a moderate spike, a slow build, a double peak, and a quiet
 * night with one spike. The times of each moment are the true onsets.
 */
const MINUTE = 60_000;
/** Paris is UTC+2 until the last Sunday of October. */
const paris = (day: number, hour: number, minute: number, second = 0): number =>
  Date.UTC(2026, 9, day, hour - 2, minute, second);

export const REHEARSAL_SEED = 20261017;

const T = {
  start: paris(17, 21, 0),
  speech: paris(17, 21, 52, 15),
  noisyEnd: paris(17, 22, 30),
  leak: paris(17, 22, 38),
  leakPeak: paris(17, 23, 13),
  outage1: paris(17, 23, 47, 30),
  outage2: paris(17, 23, 55),
  showEnd: paris(18, 0, 30),
  announce: paris(18, 3, 12, 40),
  end: paris(18, 5, 0),
} as const;

const moments: MomentTruth[] = [
  {
    id: 'spike-in-noise',
    kind: 'spike_in_noise',
    label_fr: 'Discours culte (pic modéré dans un bruit de fond agité)',
    label_en: 'Iconic speech (moderate spike in a noisy baseline)',
    onsetAt: T.speech,
    terms: ['#DiscoursCulte', 'discours', 'speech'],
  },
  {
    id: 'slow-build',
    kind: 'slow_build',
    label_fr: 'Fuite du palmarès (montée lente)',
    label_en: 'Winners list leak (slow build)',
    onsetAt: T.leak,
    terms: ['#FuitePalmarès', 'fuite', 'leak'],
  },
  {
    id: 'double-peak-1',
    kind: 'double_peak',
    label_fr: 'Direct coupé (premier pic)',
    label_en: 'Stream down (first peak)',
    onsetAt: T.outage1,
    terms: ['#DirectCoupé', 'direct', 'stream'],
  },
  {
    id: 'double-peak-2',
    kind: 'double_peak',
    label_fr: 'Direct coupé à nouveau (second pic)',
    label_en: 'Stream down again (second peak)',
    onsetAt: T.outage2,
    terms: ['#DirectCoupé', 'direct', 'stream'],
  },
  {
    id: 'quiet-night-spike',
    kind: 'quiet_spike',
    label_fr: 'Annonce surprise à 3 h (pic dans une nuit calme)',
    label_en: 'Surprise 3 a.m. announcement (spike in a quiet night)',
    onsetAt: T.announce,
    terms: ['#ZélieAnnonce', 'Zélie', 'announce'],
  },
];

const showBaseline = piecewise([
  [T.start, 14],
  [T.noisyEnd, 14],
  [T.noisyEnd + 2 * MINUTE, 9],
  [T.showEnd - 10 * MINUTE, 8],
  [T.showEnd, 5],
  [paris(18, 1, 0), 0.6],
  [paris(18, 2, 0), 0.3],
  [T.end, 0.3],
]);

/** Heavy wobble before 22:30 (the noisy part), mild after. */
function noise(random: Random): RateCurve {
  const heavy = wobble(random, T.start, T.noisyEnd, 0.3);
  const mild = wobble(random, T.noisyEnd, T.end, 0.15);
  return (at) => (at < T.noisyEnd ? heavy(at) : mild(at));
}

const leakCurve = piecewise([
  [T.leak, 0.4],
  [T.leakPeak, 24],
  [T.leakPeak + 4 * MINUTE, 24],
  [T.leakPeak + 20 * MINUTE, 1],
  [T.showEnd, 0.5],
  [T.showEnd + MINUTE, 0],
]);

const outageCurve1 = burst({
  onsetAt: T.outage1,
  peakPerMinute: 35,
  riseMs: 45_000,
  holdMs: 90_000,
  decayMs: 2 * MINUTE,
});
const outageCurve2 = burst({
  onsetAt: T.outage2,
  peakPerMinute: 45,
  riseMs: 45_000,
  holdMs: 2 * MINUTE,
  decayMs: 3 * MINUTE,
});

const vars = {
  host: ['Margaux Linden', "l'animatrice"],
  stream: 'StellaTV',
  nominee: ['Zélie Marnier', 'Les Pixels Nomades', 'Arno Vidal', 'Kenza B.', 'Studio Lagune', 'Milo Tessier'],
  speaker: ['Arno Vidal', 'Kenza B.'],
  category: ['de la meilleure série', 'du meilleur podcast', 'de la révélation', 'du grand prix', 'du meilleur clip'],
  categoryEn: ['best series', 'best podcast', 'breakthrough', 'the grand prize', 'best music video'],
  cheer: ['✨', '👏', '😍', '🔥', ''],
  sad: ['😬', '🙃', ''],
} as const;

function stream(id: keyof typeof rehearsalTopics, curve: RateCurve, from: number): Stream {
  return { id, topic: () => id, curve, from, to: T.end, englishShare: 0.2, feedShare: 0.02 };
}

function scheduled(_random: Random): ScheduledPost[] {
  const zelie = namedAccount('bluesky', 'zeliemarnier', 'Zélie Marnier', 'fr', 400);
  const insider = namedAccount('mastodon', 'coulisses', 'Coulisses du Web', 'fr', 8);
  return [
    {
      // The leak starts with one small account; the build comes from people noticing.
      at: T.leak,
      account: insider,
      text: "On m'a envoyé ce qui ressemble au palmarès complet de ce soir… fuite ou fake ? #FuitePalmarès",
      mediaUrls: ['https://media.example.org/img/palmares-fuite.jpg'],
      boost: 1,
    },
    {
      at: T.announce,
      account: zelie,
      text: 'Je ne dors pas, alors je vous le dis maintenant : tournée 2027 🌙 #ZélieAnnonce',
      mediaUrls: ['https://media.example.org/img/zelie-annonce.mp4'],
      boost: 30,
    },
  ];
}

export function rehearsalScenario(): Scenario {
  const shape = createRandom(REHEARSAL_SEED).fork('shape');
  const baseline: Stream = {
    id: 'baseline',
    topic: (at) => (at < T.showEnd ? 'show' : 'night'),
    curve: scaled(showBaseline, noise(shape)),
    from: T.start,
    to: T.end,
    englishShare: 0.2,
    feedShare: 0.02,
  };
  return {
    seed: REHEARSAL_SEED,
    header: {
      format: 'riposte-recording',
      version: 1,
      title: 'Répétition — Nuit des Étoiles du Web 2026 (formes de signal)',
      startsAt: T.start,
      endsAt: T.end,
      timeZone: 'Europe/Paris',
      language: 'fr',
    },
    topics: rehearsalTopics,
    streams: [
      baseline,
      stream(
        'speech',
        burst({ onsetAt: T.speech, peakPerMinute: 28, riseMs: MINUTE, holdMs: MINUTE, decayMs: 3 * MINUTE }),
        T.speech,
      ),
      stream('leak', leakCurve, T.leak),
      stream('outage', (at) => outageCurve1(at) + outageCurve2(at), T.outage1),
      stream(
        'announce',
        burst({ onsetAt: T.announce, peakPerMinute: 12, riseMs: MINUTE, holdMs: 2 * MINUTE, decayMs: 5 * MINUTE }),
        T.announce,
      ),
    ],
    vars: () => vars,
    population: { count: 900, englishShare: 0.2 },
    feedSites: [
      {
        host: 'ecrans.example.com',
        label: 'Écrans & Co',
        language: 'fr',
        section: 'direct',
        authors: ['Inès Caradec'],
      },
      { host: 'screenbeat.example.org', label: 'Screenbeat', language: 'en', section: 'live', authors: ['Dan Ortiz'] },
    ],
    sourceLabel: (platform) => {
      switch (platform) {
        case 'mastodon':
          return 'social.example.org #EDW2026';
        case 'bluesky':
          return 'Jetstream: EDW2026, EtoilesDuWeb';
        case 'reddit':
          return 'r/EtoilesDuWeb';
      }
    },
    redditThread: () => ({ subreddit: 'EtoilesDuWeb', id: '1edw26' }),
    scheduled,
    moments,
  };
}
