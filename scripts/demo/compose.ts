import type { Random } from './prng';
import type { Topic } from './scenario';

export type Vars = Readonly<Record<string, string | readonly string[]>>;

/** Fills {name} placeholders; a list value means "pick one". Unknown names are a bug. */
export function fill(template: string, vars: Vars, random: Random): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`unknown placeholder {${name}} in "${template}"`);
    return typeof value === 'string' ? value : random.pick(value);
  });
}

const LINK_HOSTS = ['video.example.com/v', 'clips.example.org/c', 'news.example.com/a'] as const;
const MEDIA_HOSTS = ['media.example.org/img', 'cdn.example.com/m'] as const;

export interface ComposedPost {
  text: string;
  mediaUrls: string[];
}

export function composePost(random: Random, topic: Topic, language: 'fr' | 'en', vars: Vars): ComposedPost {
  let text = fill(random.pick(language === 'fr' ? topic.fr : topic.en), vars, random);
  if (topic.tags.length > 0 && random.chance(0.45)) {
    const tag = random.pick(topic.tags);
    if (!text.includes(tag)) text += ` ${tag}`;
  }
  if (random.chance(topic.linkChance)) text += ` https://${random.pick(LINK_HOSTS)}/${token(random, 8)}`;
  const mediaUrls: string[] = [];
  if (random.chance(topic.mediaChance)) {
    const count = random.chance(0.2) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      mediaUrls.push(`https://${random.pick(MEDIA_HOSTS)}/${token(random, 10)}.${random.chance(0.8) ? 'jpg' : 'mp4'}`);
    }
  }
  return { text: tidy(text), mediaUrls };
}

export interface ComposedArticle {
  title: string;
  summary: string;
}

export function composeArticle(random: Random, templates: readonly string[], vars: Vars): ComposedArticle {
  const [title = '', summary = ''] = fill(random.pick(templates), vars, random).split(' :: ');
  return { title: tidy(title), summary: tidy(summary) };
}

export function token(random: Random, length: number): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet.charAt(Math.floor(random.next() * alphabet.length));
  return text;
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
