import type { Random } from './prng';

/** A fictional account; every host is under example.com / example.org. */
export type Platform = 'mastodon' | 'bluesky' | 'reddit';

export interface Account {
  platform: Platform;
  /** The handle as the platform shows it: "@lea@social.example.org", "lea.bsky.example.com", "u/lea". */
  handle: string;
  name: string;
  /** Local part, used to build URLs. */
  slug: string;
  /** Mastodon instance host, when on Mastodon. */
  host: string | null;
  language: 'fr' | 'en';
  /** Typical likes on a post: heavy-tailed across accounts. */
  reach: number;
}

const MASTODON_HOSTS = ['social.example.org', 'masto.example.com', 'foot.example.org'] as const;

const FIRST_FR = [
  'Léa',
  'Karim',
  'Camille',
  'Hugo',
  'Inès',
  'Mathis',
  'Chloé',
  'Yanis',
  'Manon',
  'Lucas',
  'Sarah',
  'Nathan',
  'Jade',
  'Enzo',
  'Lina',
  'Théo',
  'Emma',
  'Rayan',
  'Zoé',
  'Louis',
  'Amira',
  'Julien',
  'Clara',
  'Mehdi',
  'Lou',
  'Antoine',
  'Nora',
  'Bastien',
  'Maëlle',
  'Sofiane',
  'Pauline',
  'Quentin',
  'Anaïs',
  'Romain',
  'Salomé',
  'Adam',
] as const;
const LAST_FR = [
  'Martin',
  'Bernard',
  'Moreau',
  'Lefèvre',
  'Garcia',
  'Benali',
  'Roux',
  'Fournier',
  'Girard',
  'Bonnet',
  'Mercier',
  'Chevalier',
  'Haddad',
  'Lambert',
  'Faure',
  'Rousseau',
  'Nguyen',
  'Diallo',
  'Perrin',
  'Morel',
] as const;
const FIRST_EN = [
  'Jack',
  'Olivia',
  'Harry',
  'Amelia',
  'Noah',
  'Isla',
  'Leo',
  'Ava',
  'Oscar',
  'Mia',
  'Ethan',
  'Grace',
  'Ryan',
  'Chloe',
  'Sam',
  'Priya',
  'Tom',
  'Hannah',
  'Kwame',
  'Megan',
] as const;
const LAST_EN = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Walsh',
  'Evans',
  'Patel',
  'Clarke',
  'Hughes',
  'Reid',
  'Okafor',
  'Byrne',
] as const;
const NICKS = [
  'ultra',
  'kop',
  'tribune',
  'virage',
  'fan',
  'supp',
  'foot',
  'ballon',
  'goal',
  'pitch',
  'terrace',
  'gaffer',
  'lion',
  'faucon',
  'corner',
  'tifo',
  'maillot',
  'sofa',
  'canape',
  'apero',
] as const;

/** Builds a population of accounts; the same seed gives the same people. */
export function makeAccounts(random: Random, count: number, englishShare: number): Account[] {
  const accounts: Account[] = [];
  const usedSlugs = new Set<string>();
  for (let i = 0; i < count; i++) {
    const language = random.chance(englishShare) ? 'en' : 'fr';
    const platform = random.weighted<Platform>([
      ['bluesky', 0.42],
      ['mastodon', 0.36],
      ['reddit', 0.22],
    ]);
    const first = language === 'fr' ? random.pick(FIRST_FR) : random.pick(FIRST_EN);
    const last = language === 'fr' ? random.pick(LAST_FR) : random.pick(LAST_EN);
    let slug = makeSlug(random, first, last, platform);
    while (usedSlugs.has(slug)) slug = `${slug}${random.int(1, 9)}`;
    usedSlugs.add(slug);
    const host = platform === 'mastodon' ? random.pick(MASTODON_HOSTS) : null;
    accounts.push({
      platform,
      slug,
      host,
      language,
      name:
        platform === 'reddit'
          ? slug
          : random.chance(0.25)
            ? `${first} ${random.pick(['⚽', '🦁', '🦅', '📺', '🍿'])}`
            : `${first} ${last}`,
      handle: handleFor(platform, slug, host),
      reach: Math.max(1, random.heavyTail(4, 1.1)),
    });
  }
  return accounts;
}

/** A named account that posts on purpose (a brand, a journalist). */
export function namedAccount(
  platform: Platform,
  slug: string,
  name: string,
  language: 'fr' | 'en',
  reach: number,
): Account {
  const host = platform === 'mastodon' ? 'social.example.org' : null;
  return { platform, slug, name, language, reach, host, handle: handleFor(platform, slug, host) };
}

function handleFor(platform: Platform, slug: string, host: string | null): string {
  switch (platform) {
    case 'mastodon':
      return `@${slug}@${host ?? 'social.example.org'}`;
    case 'bluesky':
      return `${slug}.bsky.example.com`;
    case 'reddit':
      return `u/${slug}`;
  }
}

function makeSlug(random: Random, first: string, last: string, platform: Platform): string {
  const f = plain(first);
  const l = plain(last);
  const style = random.int(0, 4);
  const year = random.int(82, 106) % 100;
  const base =
    style === 0
      ? `${f}${l}`
      : style === 1
        ? `${f}_${l.slice(0, 1)}`
        : style === 2
          ? `${random.pick(NICKS)}${f}`
          : style === 3
            ? `${f}${String(year).padStart(2, '0')}`
            : `${f}-${l}`;
  // Bluesky handles are DNS labels: no underscore.
  return platform === 'bluesky' ? base.replaceAll('_', '-') : base;
}

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
