import type { RecordedItem, RecordingHeader } from '../../../main/core/recordings/recording';
import { createRandom } from '../../demo/prng';

export interface LiveRecordingOptions {
  /** Wall-clock rate the replay should feed. */
  itemsPerSecond: number;
  /** The replay speed it will be played at. */
  speed: number;
  /** How long (wall clock) it plays. */
  seconds: number;
  seed: number;
}

const words = `but goal arbitre referee fans supporters allez penalty carton match équipe stade
 corner coup franc tir gardien défense attaque incroyable bravo honte wow crowd score`
  .split(/\s+/u)
  .filter(Boolean);
const tags = ['#VAR', '#FinaleCoupe', '#Blackout', '#MiTemps'];

/** Uniform in [0, 1), seeded: the demo generator's PRNG, so runs compare like for like. */
function rng(seed: number): () => number {
  const random = createRandom(seed);
  return () => random.next();
}

/**
 * A recording dense enough that playing it at `speed` feeds `itemsPerSecond`: items spread
 * evenly over `seconds × speed` seconds of event time. Deterministic for a seed.
 */
export function generateLiveRecording(options: LiveRecordingOptions): {
  header: RecordingHeader;
  items: RecordedItem[];
} {
  const random = rng(options.seed);
  const startsAt = Date.UTC(2026, 6, 19, 19, 0, 0);
  const count = options.itemsPerSecond * options.seconds;
  const eventMs = options.seconds * options.speed * 1000;
  const step = eventMs / count;
  const items: RecordedItem[] = [];
  for (let n = 0; n < count; n += 1) {
    const length = 6 + Math.floor(random() * 14);
    const text: string[] = [];
    for (let w = 0; w < length; w += 1) text.push(words[Math.floor(random() * words.length)] ?? 'match');
    if (random() < 0.2) text.push(tags[Math.floor(random() * tags.length)] ?? '#VAR');
    const author = `fan${Math.floor(random() * 5000)}`;
    items.push({
      extId: `live-${n}`,
      url: `https://example.com/post/${n}`,
      authorHandle: `@${author}@example.org`,
      authorName: `Fan ${author.slice(3)}`,
      language: random() < 0.6 ? 'fr' : 'en',
      text: text.join(' '),
      html: null,
      publishedAt: startsAt + Math.floor(n * step),
      engagement: { likes: Math.floor(random() * 40), reposts: Math.floor(random() * 8), replies: 0 },
      mediaUrls: [],
      source: { kind: 'mastodon', label: 'bench firehose' },
    });
  }
  return {
    header: {
      format: 'riposte-recording',
      version: 1,
      title: 'Live benchmark firehose',
      startsAt,
      endsAt: startsAt + eventMs,
      timeZone: 'Europe/Paris',
      language: 'fr',
    },
    items,
  };
}
