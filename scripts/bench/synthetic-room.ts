import type Database from 'better-sqlite3';
import { createRandom } from '../demo/prng';

/**
 * A synthetic live-event room for benchmarks: French and English chatter with Zipf-ish
 * word frequencies, hashtags, mentions and links, mostly inserted in time order with the
 * disorder real ingest has (late items, one backfilled source).
 */
const common = `le la les de des du un une et est pas que qui pour dans sur avec ce il elle on nous vous ils
 the a an and is not that who for in on with this it she we you they of to be at by from or as
 match but arbitre but joueur équipe ballon penalty carton rouge jaune terrain stade supporters
 goal team player referee fans crowd game final score win lose draw half time coach
 mi-temps entraîneur victoire défaite nul score tribune vestiaire coupe finale
 incroyable énorme honte bravo allez merci vraiment trop bien mal jamais toujours encore
 amazing crazy shame wow come on thanks really too good bad never always again
 pub publicité marque sponsor maillot chaussette chaussure télé diffusion direct replay
 ad advert brand sponsor shirt sock boots tv broadcast live stream
 var arbitrage faute hors-jeu corner coup franc tir poteau barre gardien défense attaque
 offside foul corner free kick shot post keeper defence attack save miss`
  .split(/\s+/u)
  .filter(Boolean);

const syllables = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ra',
  'tu',
  'po',
  'si',
  've',
  'do',
  'ri',
  'ba',
  'ze',
  'fu',
  'gn',
  'ch',
  'ou',
  'an',
];
const hashtags = ['ChaussetteGate', 'FinaleCoupe', 'VAR', 'Blackout', 'TeamBleu', 'WorldFinal', 'Pub', 'MiTemps'];
const handles = [
  'SodaFizz',
  'sportnews',
  'lequipe_fan',
  'bbc_sport.bsky.social',
  'jean@mastodon.social',
  'ultras',
  'fanzone',
];

export interface SyntheticOptions {
  items: number;
  roomId: string;
  startMs: number;
  durationMs: number;
  seed: number;
}

/** Uniform in [0, 1), seeded: the demo generator's PRNG, so runs compare like for like. */
function rng(seed: number): () => number {
  const random = createRandom(seed);
  return () => random.next();
}

function zipfSampler(size: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / Math.pow(rank + 1, exponent);
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function buildSyntheticRoom(db: Database.Database, options: SyntheticOptions): void {
  const random = rng(options.seed);
  const vocabulary = [...common];
  const seen = new Set(vocabulary);
  while (vocabulary.length < 30_000) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let s = 0; s < length; s += 1) word += syllables[Math.floor(random() * syllables.length)] ?? '';
    if (!seen.has(word)) {
      seen.add(word);
      vocabulary.push(word);
    }
  }
  const pickWord = zipfSampler(vocabulary.length, 1.05, random);
  const pickTag = zipfSampler(hashtags.length, 1.2, random);
  const pickHandle = zipfSampler(handles.length, 1.0, random);
  const now = options.startMs + options.durationMs;
  db.prepare('INSERT INTO rooms VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)').run(
    options.roomId,
    'Bench final',
    options.startMs,
    now + 3_600_000,
    'Europe/Paris',
    'fr',
    options.startMs,
    options.startMs,
  );
  const addSource = db.prepare(
    "INSERT INTO sources (id, room_id, kind, label, config, allied, created_at, updated_at) VALUES (?, ?, 'mastodon', ?, ?, ?, ?, ?)",
  );
  const sourceCount = 20;
  for (let s = 0; s < sourceCount; s += 1) {
    // A config the app reads back (sources.list parses every row's): '{}' made the room's list fail.
    // `.invalid` never resolves, should anything poll it.
    const config = JSON.stringify({ kind: 'mastodon', instance: 'https://bench.invalid', tag: `bench${s}` });
    addSource.run(`src-${s}`, options.roomId, `Source ${s}`, config, s < 3 ? 1 : 0, options.startMs, options.startMs);
  }
  const insert =
    db.prepare(`INSERT INTO items (room_id, source_id, ext_id, url, author_handle, author_name, text, language,
    published_at, fetched_at, likes, reposts, replies, engagement, has_media)
    VALUES (?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const makeText = (minute: number): string => {
    const words: string[] = [];
    const count = 6 + Math.floor(random() * 20);
    for (let w = 0; w < count; w += 1) words.push(vocabulary[pickWord()] ?? 'le');
    if (random() < 0.01) words.splice(Math.floor(random() * words.length), 0, 'blackout');
    // A blackout during minutes 120-125 of the event: what the histogram is for.
    if (minute >= 120 && minute < 126 && random() < 0.3) words.push('blackout', 'panne');
    if (random() < 0.004) words.push('panne');
    if (random() < 0.005) words.push('coup', 'franc');
    if (random() < 0.0002) words.push('zlatanesque');
    if (random() < 0.003) words.push('chaussettegate');
    if (random() < 0.12) words.push(`#${hashtags[pickTag()] ?? 'VAR'}`);
    if (random() < 0.05) words.push(`@${handles[pickHandle()] ?? 'fanzone'}`);
    if (random() < 0.08) words.push('https://example.com/p/' + Math.floor(random() * 1e6));
    return words.join(' ');
  };

  const backfilled = Math.floor(options.items * 0.02);
  const live = options.items - backfilled;
  const step = options.durationMs / live;
  db.transaction(() => {
    for (let n = 0; n < options.items; n += 1) {
      const isBackfill = n >= live;
      // Live items: mostly in order, 3% arrive up to 10 minutes late. Backfill: the first hour, inserted last.
      let published = isBackfill
        ? options.startMs + Math.floor(random() * 3_600_000)
        : options.startMs + Math.floor(n * step) - (random() < 0.03 ? Math.floor(random() * 600_000) : 0);
      published = Math.max(options.startMs, published);
      const minute = Math.floor((published - options.startMs) / 60_000);
      const likes = Math.floor(Math.pow(random(), 4) * 500);
      const reposts = Math.floor(Math.pow(random(), 5) * 100);
      const replies = Math.floor(Math.pow(random(), 5) * 50);
      insert.run(
        options.roomId,
        isBackfill ? 'src-19' : `src-${Math.floor(random() * (sourceCount - 1))}`,
        `ext-${n}`,
        handles[pickHandle()] ?? 'fanzone',
        makeText(minute),
        random() < 0.6 ? 'fr' : 'en',
        published,
        isBackfill ? now : published + 2000,
        likes,
        reposts,
        replies,
        likes + reposts + replies,
        random() < 0.2 ? 1 : 0,
      );
    }
  })();
}
