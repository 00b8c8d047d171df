import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { SourceConfigOf } from '../../../../shared/sources/source';
import { searchBlueskyPosts } from '../../networks/bluesky/search-posts';
import { failedOutcome, okOutcome } from './outcome';
import type { PollDeps } from './poll-deps';
import type { PollJob, PollOutcome } from './protocol';
import { said } from '../../../../shared/sources/health-problem';

export type { BlueskySessionMemory } from './poll-deps';

/** Newest post time taken in (ms) and the posts at exactly that time: `since` is inclusive. */
const SearchCursor = z.object({ since: z.number().int(), ids: z.array(z.string()).max(1000) });
type SearchCursor = z.infer<typeof SearchCursor>;

const pageSize = 100;
const maxPages = 5;

export async function pollBlueskySearch(
  job: PollJob,
  config: SourceConfigOf<'bluesky'>,
  deps: PollDeps,
): Promise<PollOutcome> {
  const handle = config.handle?.trim();
  if (!handle || !job.credential) {
    return failedOutcome(job, 'auth', said('blueskyNeedsLogin'));
  }
  const query = searchQuery(config);
  if (query === '') return failedOutcome(job, 'invalid_input', said('blueskyNeedsWords'));

  const cursor = readCursor(job.state.cursor);
  const login = fingerprint(config.service, handle, job.credential);
  const remembered = deps.blueskySessions?.get(job.sourceId);
  let session = remembered?.login === login ? remembered.session : null;
  const items: NormalizedItem[] = [];
  let pageCursor: string | null = null;
  let hasMore = false;
  // Without a cursor only the newest page is read; after that, pages are followed while they are full of new posts.
  const pages = cursor === null ? 1 : maxPages;
  for (let page = 0; page < pages; page += 1) {
    const result = await searchBlueskyPosts({
      service: config.service,
      handle,
      appPassword: job.credential,
      query,
      cursor: pageCursor,
      since: cursor?.since ?? null,
      session,
      fetcher: deps.fetcher,
      limit: pageSize,
      ...(deps.createBlueskySession ? { createSession: deps.createBlueskySession } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    session = result.session;
    if (session) deps.blueskySessions?.set(job.sourceId, { login, session });
    else deps.blueskySessions?.delete(job.sourceId);
    if (!result.ok) {
      return failedOutcome(job, result.failure ?? 'bad_response', result, result.retryAfterMs ?? null);
    }
    items.push(...result.items.filter((item) => isNew(item, cursor)));
    pageCursor = result.cursor;
    const full = result.items.length >= pageSize && pageCursor !== null;
    if (!full) break;
    hasMore = page === pages - 1 && cursor !== null;
  }
  return okOutcome(job, { items, state: { ...job.state, cursor: nextCursor(cursor, items) }, hasMore });
}

function searchQuery(config: SourceConfigOf<'bluesky'>): string {
  if (config.query) return config.query.trim();
  const tags = config.hashtags.map((tag) => `#${tag.replace(/^#/, '')}`);
  return [...config.keywords, ...tags].join(' ').trim();
}

function fingerprint(service: string, handle: string, password: string): string {
  return createHash('sha256').update(`${service}\u0000${handle}\u0000${password}`).digest('hex');
}

function readCursor(text: string | null): SearchCursor | null {
  if (text === null) return null;
  try {
    const parsed = SearchCursor.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isNew(item: NormalizedItem, cursor: SearchCursor | null): boolean {
  if (cursor === null || item.publishedAt > cursor.since) return true;
  return item.publishedAt === cursor.since && !cursor.ids.includes(item.extId);
}

function nextCursor(previous: SearchCursor | null, items: readonly NormalizedItem[]): string | null {
  let since = previous?.since ?? null;
  for (const item of items) if (since === null || item.publishedAt > since) since = item.publishedAt;
  if (since === null) return null;
  const ids = new Set(previous?.since === since ? previous.ids : []);
  for (const item of items) if (item.publishedAt === since) ids.add(item.extId);
  return JSON.stringify({ since, ids: [...ids].slice(-1000) } satisfies SearchCursor);
}
