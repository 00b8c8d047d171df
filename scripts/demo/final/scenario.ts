import { namedAccount } from '../accounts';
import { burst, piecewise, scaled, wobble, type BurstShape } from '../rate-model';
import { createRandom, type Random } from '../prng';
import type { MomentTruth, Scenario, ScheduledPost, Stream } from '../scenario';
import { matchTopics } from './topics-match';
import { momentTopics } from './topics-moments';

/**
 * "Finale de la Coupe des Nations 2026": Aurelia v Borvania at the Stade de l'Estuaire,
 * 20:00 to 23:00 Paris time. Every team, player, brand and account is fictional.
 */
const MINUTE = 60_000;
/** Paris is UTC+2 in July. */
const paris = (hour: number, minute: number, second = 0): number => Date.UTC(2026, 6, 12, hour - 2, minute, second);

export const FINAL_SEED = 20260712;

const T = {
  start: paris(20, 0),
  kickoff: paris(20, 45),
  goal1: paris(21, 3, 20),
  blackout: paris(21, 21, 40),
  lightsBack: paris(21, 35, 10),
  meme: paris(21, 27, 30),
  halfTime: paris(21, 44),
  secondHalf: paris(21, 59),
  varCheck: paris(22, 14, 10),
  penaltyScored: paris(22, 18),
  gaffe: paris(22, 27),
  goal2: paris(22, 40, 30),
  whistle: paris(22, 48, 20),
  end: paris(23, 0),
} as const;

const moments: MomentTruth[] = [
  moment('goal-1', 'goal', 'But de Duarte (1-0)', 'Duarte scores (1-0)', T.goal1, ['but', 'goal', 'Duarte', '#But']),
  moment('blackout', 'incident', 'Panne de courant au stade', 'Stadium blackout', T.blackout, [
    'panne',
    'blackout',
    '#Blackout',
    'power cut',
  ]),
  moment('chaussettegate', 'meme', 'Mème #ChaussetteGate', '#ChaussetteGate meme', T.meme, [
    '#ChaussetteGate',
    'chaussette',
    'sock',
  ]),
  moment('var-penalty', 'controversy', 'Penalty accordé après VAR', 'Penalty given after VAR', T.varCheck, [
    'VAR',
    'penalty',
    '#VAR',
    'arbitre',
  ]),
  moment('vortex-gaffe', 'brand_gaffe', 'Bourde de Vortex Cola', 'Vortex Cola gaffe', T.gaffe, [
    '#VortexFail',
    'Vortex',
  ]),
  moment('goal-2', 'goal', 'Doublé de Duarte (2-1)', 'Duarte again (2-1)', T.goal2, ['but', 'goal', 'Duarte', '2-1']),
  moment('final-whistle', 'final_whistle', 'Coup de sifflet final', 'Full time', T.whistle, [
    'champion',
    'champions',
    'fin du match',
    'full time',
  ]),
];

function moment(
  id: string,
  kind: string,
  label_fr: string,
  label_en: string,
  onsetAt: number,
  terms: string[],
): MomentTruth {
  return { id, kind, label_fr, label_en, onsetAt, terms };
}

const baseline = piecewise([
  [T.start, 4],
  [paris(20, 30), 7],
  [paris(20, 44), 12],
  [paris(20, 46), 16],
  [paris(21, 20), 17],
  [paris(21, 22), 10],
  [paris(21, 35), 10],
  [paris(21, 37), 16],
  [T.halfTime, 17],
  [paris(21, 46), 8],
  [paris(21, 57), 9],
  [paris(22, 0), 17],
  [paris(22, 35), 20],
  [paris(22, 47), 23],
  [paris(22, 50), 15],
  [T.end, 12],
]);

const bursts: Record<keyof typeof momentTopics, BurstShape> = {
  goal1: { onsetAt: T.goal1, peakPerMinute: 55, riseMs: MINUTE, holdMs: 30_000, decayMs: 2.5 * MINUTE },
  blackout: {
    onsetAt: T.blackout,
    peakPerMinute: 40,
    riseMs: 1.5 * MINUTE,
    holdMs: T.lightsBack - T.blackout - 1.5 * MINUTE,
    decayMs: 4 * MINUTE,
  },
  meme: {
    onsetAt: T.meme,
    peakPerMinute: 30,
    riseMs: 4 * MINUTE,
    holdMs: 2 * MINUTE,
    decayMs: 8 * MINUTE,
    tailPerMinute: 1.5,
  },
  var: {
    onsetAt: T.varCheck,
    peakPerMinute: 45,
    riseMs: 1.5 * MINUTE,
    holdMs: T.penaltyScored - T.varCheck,
    decayMs: 3.5 * MINUTE,
  },
  gaffe: {
    onsetAt: T.gaffe,
    peakPerMinute: 25,
    riseMs: 4 * MINUTE,
    holdMs: MINUTE,
    decayMs: 6 * MINUTE,
    tailPerMinute: 0.8,
  },
  goal2: { onsetAt: T.goal2, peakPerMinute: 60, riseMs: MINUTE, holdMs: 30_000, decayMs: 2.5 * MINUTE },
  whistle: {
    onsetAt: T.whistle,
    peakPerMinute: 70,
    riseMs: MINUTE,
    holdMs: 2 * MINUTE,
    decayMs: 5 * MINUTE,
    tailPerMinute: 4,
  },
};

function baselineTopic(at: number, random: Random): string {
  if (at < T.kickoff)
    return random.weighted([
      ['prematch', 0.6],
      ['fans', 0.25],
      ['brands', 0.15],
    ]);
  if (at >= T.blackout && at < T.lightsBack)
    return random.weighted([
      ['fans', 0.6],
      ['brands', 0.4],
    ]);
  if (at >= T.halfTime && at < T.secondHalf)
    return random.weighted([
      ['halftime', 0.55],
      ['brands', 0.25],
      ['fans', 0.2],
    ]);
  if (at >= T.whistle)
    return random.weighted([
      ['postmatch', 0.7],
      ['fans', 0.3],
    ]);
  const late = at > paris(22, 35);
  return random.weighted([
    ['play', 0.62],
    ['fans', 0.2],
    ['brands', 0.1],
    ['tension', late ? 0.3 : 0.04],
  ]);
}

function matchMinute(at: number): string {
  const elapsed = (from: number) => Math.floor((at - from) / MINUTE) + 1;
  let minute: number;
  if (at < T.kickoff) return "0'";
  if (at < T.blackout) minute = elapsed(T.kickoff);
  else if (at < T.lightsBack) minute = elapsed(T.kickoff) - elapsed(T.blackout) + 1;
  else if (at < T.halfTime) minute = 36 + elapsed(T.lightsBack);
  else if (at < T.secondHalf) return 'MT';
  else minute = 45 + elapsed(T.secondHalf);
  const half = at < T.halfTime ? 45 : 90;
  return minute > half ? `${half}+${minute - half}'` : `${minute}'`;
}

function score(at: number): string {
  if (at < T.goal1) return '0-0';
  if (at < T.penaltyScored) return '1-0';
  if (at < T.goal2) return '1-1';
  return '2-1';
}

const fixedVars = {
  A: 'Aurelia',
  B: 'Borvania',
  nA: 'Lions',
  nB: 'Faucons',
  nAen: 'the Lions',
  stadium: "Stade de l'Estuaire",
  ref: ['Carsten Holm', "l'arbitre", 'M. Holm'],
  pA: ['Duarte', 'Vasseur', 'Okonkwo', 'Mercier', 'Ba', 'Lemaire', 'Castel'],
  pB: ['Jorvik', 'Brenner', 'Pavel', 'Silva', 'Halvorsen', 'Dragan'],
  scorer1: ['Duarte', 'Malik Duarte', 'DUARTE'],
  scorerB: ['Jorvik', 'Nils Jorvik'],
  keeperA: ['Mercier', 'Ilan Mercier'],
  captainA: ['Vasseur', 'Théo Vasseur'],
  tag: ['#FinaleCDN2026', '#AURBOR', '#CDN2026'],
  tagA: ['#AllezLesLions', '#Aurelia'],
  tagB: ['#Faucons', '#Borvania'],
  cheer: ['🔥', '⚽', '🦁', '😍', '🙌', '💪', '👏', '!!!', ''],
  sad: ['😭', '😬', '🤦', '😤', '💀', ''],
  laugh: ['😂', '🤣', '💀', '😭😭'],
  soda: 'Pétillo',
  sodaHandle: '@Petillo',
  telecom: 'Onda Mobile',
  sports: 'Strydo',
  sportsHandle: '@Strydo',
} as const;

function vars(at: number) {
  const darkFor = Math.max(1, Math.min(14, Math.round((at - T.blackout) / MINUTE)));
  return { ...fixedVars, minute: matchMinute(at), score: score(at), blackoutFor: `${darkFor} minutes` };
}

function scheduled(random: Random): ScheduledPost[] {
  const petillo = namedAccount('bluesky', 'petillo', 'Pétillo', 'fr', 180);
  const onda = namedAccount('mastodon', 'ondamobile', 'Onda Mobile', 'fr', 60);
  const strydo = namedAccount('bluesky', 'strydo', 'Strydo', 'fr', 220);
  const vortex = namedAccount('bluesky', 'vortexcola', 'Vortex Cola', 'fr', 250);
  const reporter = namedAccount('mastodon', 'julie_marchetti', 'Julie Marchetti (Le Sporteur)', 'fr', 90);
  const fan = namedAccount('bluesky', 'lola-canape', 'Lola 🛋️', 'fr', 12);
  const post = (at: number, account: ScheduledPost['account'], text: string, boost: number, media = false) => ({
    at,
    account,
    text,
    boost,
    mediaUrls: media ? [`https://media.example.org/img/${account.slug}-${at.toString(36)}.jpg`] : [],
  });
  return [
    post(
      paris(20, 30),
      petillo,
      'Ce soir on vibre avec les Lions ET les Faucons 🦁🦅 Qui soulève la coupe ? #FinaleCDN2026',
      1,
      true,
    ),
    post(
      T.blackout,
      reporter,
      "Panne de courant au Stade de l'Estuaire : les projecteurs viennent de s'éteindre, le match est interrompu. #Blackout",
      12,
    ),
    post(
      T.meme,
      fan,
      'Les flashs des téléphones montrent Vasseur sur le banc avec UNE chaussette rose à canards 😂😂 #ChaussetteGate',
      40,
      true,
    ),
    post(
      T.blackout + 7 * MINUTE,
      onda,
      "Nos équipes sont sur place : le réseau mobile du stade fonctionne malgré la panne d'électricité. Courage à tous ! #Blackout",
      3,
    ),
    post(
      T.meme + 18 * MINUTE,
      strydo,
      'On ne commente pas les chaussettes des joueurs… mais on en a des roses en stock 🦆 #ChaussetteGate',
      30,
      true,
    ),
    post(
      T.gaffe,
      vortex,
      'CHAMPIONS 🏆 Bravo les Faucons, une victoire pétillante comme un Vortex ! #FinaleCDN2026',
      60,
      true,
    ),
    post(
      T.gaffe + 9 * MINUTE,
      petillo,
      'Chez nous, on attend le coup de sifflet final pour trinquer 😉 #FinaleCDN2026',
      45,
    ),
    post(
      T.whistle + 2 * MINUTE,
      petillo,
      'Bravo les Lions, champions 2026 ! Et chapeau aux Faucons 🦁🏆🦅 #FinaleCDN2026',
      20,
      random.chance(0.5),
    ),
  ];
}

export function finalScenario(): Scenario {
  const shape = createRandom(FINAL_SEED).fork('shape');
  const baselineStream: Stream = {
    id: 'baseline',
    topic: baselineTopic,
    curve: scaled(baseline, wobble(shape, T.start, T.end, 0.18)),
    from: T.start,
    to: T.end,
    englishShare: 0.22,
    feedShare: 0.03,
  };
  const momentStreams = (Object.keys(bursts) as (keyof typeof bursts)[]).map((id): Stream => ({
    id,
    topic: () => id,
    curve: burst(bursts[id]),
    from: bursts[id].onsetAt,
    to: T.end,
    englishShare: 0.22,
    feedShare: 0.02,
  }));
  return {
    seed: FINAL_SEED,
    header: {
      format: 'riposte-recording',
      version: 1,
      title: 'Finale de la Coupe des Nations 2026 — Aurelia – Borvania',
      startsAt: T.start,
      endsAt: T.end,
      timeZone: 'Europe/Paris',
      language: 'fr',
    },
    topics: { ...matchTopics, ...momentTopics },
    streams: [baselineStream, ...momentStreams],
    vars,
    population: { count: 1400, englishShare: 0.22 },
    feedSites: [
      {
        host: 'lesporteur.example.com',
        label: 'Le Sporteur — Direct',
        language: 'fr',
        section: 'football/direct',
        authors: ['Julie Marchetti', 'Paul Ferrand', 'La rédaction'],
      },
      {
        host: 'footdirect.example.org',
        label: 'Foot Direct',
        language: 'fr',
        section: 'live',
        authors: ['Nadia Belkacem', 'Yves Carré'],
      },
      {
        host: 'pitchside.example.com',
        label: 'Pitchside Daily',
        language: 'en',
        section: 'football',
        authors: ['Rob Hale', 'Sian Morgan'],
      },
    ],
    sourceLabel: (platform, language) => {
      switch (platform) {
        case 'mastodon':
          return 'social.example.org #FinaleCDN2026';
        case 'bluesky':
          return 'Jetstream: FinaleCDN2026, Aurelia, Borvania';
        case 'reddit':
          return language === 'fr' ? 'r/CoupeDesNations' : 'r/worldfootball';
      }
    },
    redditThread: (language) =>
      language === 'fr'
        ? { subreddit: 'CoupeDesNations', id: '1cdn26f' }
        : { subreddit: 'worldfootball', id: '1wf26mt' },
    scheduled,
    moments,
    runOfShow: [
      { label_fr: "Coup d'envoi", label_en: 'Kick-off', at: T.kickoff },
      { label_fr: 'Mi-temps', label_en: 'Half-time', at: T.halfTime },
      { label_fr: 'Reprise', label_en: 'Second half', at: T.secondHalf },
      { label_fr: 'Coup de sifflet final', label_en: 'Full time', at: T.whistle },
    ],
  };
}
