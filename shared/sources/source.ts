import { z } from 'zod';
import { SourceKind } from '../domain/item';
import { HealthProblem } from './health-problem';

const HttpUrl = z
  .string({ error: 'errors.source.urlInvalid' })
  .trim()
  .max(2048, { error: 'errors.source.urlInvalid' })
  .refine(
    (value) => {
      try {
        const { protocol } = new URL(value);
        return protocol === 'http:' || protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: 'errors.source.urlInvalid' },
  );

const Term = z.string().trim().min(1).max(100);

export const FeedConfig = z.object({ kind: z.literal('feed'), url: HttpUrl });

export const MastodonConfig = z.object({
  kind: z.literal('mastodon'),
  /** The instance's address, e.g. https://mastodon.social */
  instance: HttpUrl,
  /** The hashtag without '#'. */
  tag: z
    .string()
    .trim()
    .transform((tag) => tag.replace(/^#/, ''))
    .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, { error: 'errors.source.tagInvalid' })),
});

export const BlueskyConfig = z.object({
  kind: z.literal('bluesky'),
  /** Jetstream: the live firehose filtered here; search: app.bsky.feed.searchPosts (needs a login). */
  mode: z.enum(['jetstream', 'search']),
  keywords: z.array(Term).max(50).default([]),
  hashtags: z.array(Term).max(50).default([]),
  dids: z
    .array(
      z
        .string()
        .trim()
        .regex(/^did:[a-z]+:[\w.:%-]+$/),
    )
    .max(100)
    .default([]),
  jetstreamUrl: HttpUrl.or(z.string().regex(/^wss?:\/\//)).default('wss://jetstream2.us-east.bsky.network/subscribe'),
  /** For search: the account that logs in (its app password is the source's credential). */
  handle: z.string().trim().max(253).optional(),
  query: z.string().trim().max(300).optional(),
  service: HttpUrl.default('https://bsky.social'),
});

export const RedditConfig = z.object({
  kind: z.literal('reddit'),
  mode: z.enum(['subreddit', 'search']),
  subreddit: z
    .string()
    .trim()
    .transform((name) => name.replace(/^\/?r\//, ''))
    .pipe(z.string().regex(/^\w{2,21}$/, { error: 'errors.source.subredditInvalid' }))
    .optional(),
  query: z.string().trim().min(1).max(300).optional(),
});

export const replaySpeeds = [1, 10, 60] as const;
export const ReplayConfig = z.object({
  kind: z.literal('replay'),
  /** A recording bundled with the app (e.g. "demo-final") or a recording file's path. */
  recording: z.string().trim().min(1).max(1024),
  speed: z.union([z.literal(1), z.literal(10), z.literal(60)]).default(10),
});

export const SourceConfig = z.discriminatedUnion('kind', [
  FeedConfig,
  MastodonConfig,
  BlueskyConfig,
  RedditConfig,
  ReplayConfig,
]);
export type SourceConfig = z.infer<typeof SourceConfig>;
export type SourceConfigOf<K extends SourceKind> = Extract<SourceConfig, { kind: K }>;

export const sourceStates = ['idle', 'ok', 'error', 'offline', 'backoff', 'paused'] as const;
export const SourceState = z.enum(sourceStates);
export type SourceState = z.infer<typeof SourceState>;

/**
 * Something the health line says about a poll that worked: a sentence key of the `sources`
 * catalog and its parameters (a feed recovered from malformed XML, an encoding guessed).
 */
export const HealthNotice = z.object({
  key: z.enum(['recoveredMalformed', 'encodingGuessed', 'encodingMisdeclared', 'entriesMissingFields']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type HealthNotice = z.infer<typeof HealthNotice>;

export const SourceHealth = z.object({
  state: SourceState,
  lastFetchAt: z.number().nullable(),
  nextPollAt: z.number().nullable(),
  itemsTaken: z.number(),
  consecutiveFailures: z.number(),
  /** The last failure in plain English words: the report, and rows stored before `problem` existed. */
  lastError: z.string().nullable(),
  /** The same failure as a code and its parameters, which the health line says in the reader's language. */
  problem: HealthProblem.nullable(),
  /** What the last poll that read the source had to say besides its items (kept through 304s). */
  notices: z.array(HealthNotice),
});
export type SourceHealth = z.infer<typeof SourceHealth>;

export const Source = z.object({
  id: z.string(),
  roomId: z.string(),
  kind: SourceKind,
  label: z.string(),
  /**
   * Null when the stored settings could not be read (a damaged or hand-edited store, or a row
   * written by a newer Riposte with a setting this version does not know): the source is then
   * never polled, streamed or replayed, its health says so (`problems.settingsUnreadable`), and
   * only removing it (or `sources.update` with a whole new config) works. Output only: inputs
   * take a valid SourceConfig.
   */
  config: SourceConfig.nullable(),
  paused: z.boolean(),
  allied: z.boolean(),
  /** Only whether a token / app password is stored: the secret never leaves main. */
  credentialSet: z.boolean(),
  health: SourceHealth,
  createdAt: z.number(),
});
export type Source = z.infer<typeof Source>;

/** Whether this version can run the source: its stored settings were read. */
export function settingsRead<S extends { config: SourceConfig | null }>(
  source: S,
): source is S & { config: SourceConfig } {
  return source.config !== null;
}

const Label = z.string().trim().min(1, { error: 'errors.source.labelRequired' }).max(120);
/** Write-only: an access token or app password. Empty string removes the stored one. */
const Credential = z.string().max(4096);

export const SourceAddInput = z.object({
  roomId: z.string().min(1).max(64),
  label: Label,
  config: SourceConfig,
  allied: z.boolean().default(false),
  credential: Credential.optional(),
});
export type SourceAddInput = z.input<typeof SourceAddInput>;

export const SourceUpdateInput = z.object({
  id: z.string().min(1).max(64),
  label: Label.optional(),
  config: SourceConfig.optional(),
  allied: z.boolean().optional(),
  credential: Credential.optional(),
});

export const SourceIdInput = z.object({ id: z.string().min(1).max(64) });
/** Most a page of `sources.list` holds: a room may watch thousands of sources. */
export const maxSourcesPage = 1000;
/**
 * A page of a room's sources, in the order they were added: the first page without `after`,
 * then the page after the last source received (its creation time and id, so a source removed
 * meanwhile does not lose the place), until a page comes back shorter than `limit`.
 */
export const SourcesListInput = z.object({
  roomId: z.string().min(1).max(64),
  after: z.object({ createdAt: z.number().int().nonnegative(), id: z.string().min(1).max(64) }).optional(),
  limit: z.number().int().min(1).max(maxSourcesPage).default(maxSourcesPage),
});
