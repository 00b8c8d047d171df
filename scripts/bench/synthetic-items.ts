import type { NormalizedItem } from '../../shared/domain/item';

const words =
  'but match arbitre finale stade supporters coupe équipe penalty blackout lumière joueur gardien tir corner carton rouge jaune remplaçant entraîneur victoire défaite score tribune chant mi-temps prolongation goal keeper referee crowd stadium lights fans pitch striker defence attack cup trophy celebration'.split(
    ' ',
  );
const hashtags = ['#Finale2026', '#CoupeDesNations', '#Blackout', '#ChaussetteGate', '#VAR', '#Lyon'];

/** A deterministic linear congruential generator: the same items on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` realistic items (20–40 words, some hashtags, links and HTML), deterministic. */
export function syntheticItems(count: number, seed = 7, prefix = 'item'): NormalizedItem[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const items: NormalizedItem[] = [];
  const start = Date.UTC(2026, 6, 19, 18);
  for (let index = 0; index < count; index++) {
    const length = 20 + Math.floor(next() * 20);
    const text = Array.from({ length }, () => (next() < 0.05 ? pick(hashtags) : pick(words))).join(' ');
    const withLink = next() < 0.3;
    items.push({
      extId: `${prefix}-${index}`,
      url: withLink ? `https://news.example.com/${prefix}/${index}?utm_source=feed` : null,
      authorHandle: `@fan${Math.floor(next() * 5000)}`,
      authorName: `Fan ${index % 997}`,
      text,
      html: next() < 0.4 ? `<p>${text}</p>` : null,
      language: next() < 0.7 ? 'fr' : 'en',
      publishedAt: start + index * 50,
      engagement: { likes: Math.floor(next() * 100), reposts: Math.floor(next() * 20) },
      mediaUrls: next() < 0.1 ? [`https://img.example.com/${index}.jpg`] : [],
    });
  }
  return items;
}
