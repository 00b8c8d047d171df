import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { PoliteFetcher, PoliteResponse } from '../../net/types';
import type { SourcePollFailure } from '../common/poll-failure';
import { PostRecord, normalizePostRecord, recordMediaUrls } from './post-record';
import { createSessionWithFetch, type BlueskySession, type CreateSession } from './session';
import { said, type HealthProblem } from '../../../../shared/sources/health-problem';

export interface BlueskySearchInput {
  /** The account's PDS (or entryway), e.g. https://bsky.social; it proxies app.bsky calls to the AppView. */
  service: string;
  handle: string;
  appPassword: string;
  query: string;
  /** From the previous page's answer, to read older results; null/absent reads the newest. */
  cursor?: string | null;
  /** Only posts after this time (ms), so a poll of the newest page does not re-read old ones. */
  since?: number | null;
  /** A session from a previous call; createSession is rate-limited, so callers keep it. */
  session?: BlueskySession | null;
  fetcher: PoliteFetcher;
  /** POST com.atproto.server.createSession; defaults to global fetch (the PoliteFetcher only GETs). */
  createSession?: CreateSession;
  limit?: number;
  signal?: AbortSignal;
}

export type BlueskySearchFailure = SourcePollFailure | 'auth';

export interface BlueskySearchResult {
  ok: boolean;
  items: NormalizedItem[];
  /** For the next (older) page; null at the end. Unchanged input cursor on failure. */
  cursor: string | null;
  /** Keep it for the next call; null when login failed. */
  session: BlueskySession | null;
  retryAfterMs?: number;
  failure?: BlueskySearchFailure;
  message: string;
  /** Why it failed, in words the health line translates. */
  problem?: HealthProblem;
}

const count = z.number().int().nonnegative().catch(0).optional();
const PostView = z.object({
  uri: z.string(),
  author: z.object({ did: z.string(), handle: z.string().optional(), displayName: z.string().optional() }),
  record: z.unknown(),
  embed: z.unknown().optional(),
  replyCount: count,
  repostCount: count,
  likeCount: count,
  quoteCount: count,
  indexedAt: z.string().optional(),
});
const SearchAnswer = z.object({ cursor: z.string().optional(), posts: z.array(z.unknown()) });

const ImagesView = z.object({ images: z.array(z.object({ fullsize: z.string() })) });

export async function searchBlueskyPosts(input: BlueskySearchInput): Promise<BlueskySearchResult> {
  const createSession = input.createSession ?? createSessionWithFetch;
  const failed = (partial: Omit<BlueskySearchResult, 'ok' | 'items' | 'cursor'>): BlueskySearchResult => ({
    ok: false,
    items: [],
    cursor: input.cursor ?? null,
    ...partial,
  });
  const login = async (): Promise<BlueskySession | BlueskySearchResult> => {
    const answer = await createSession({
      service: input.service,
      identifier: input.handle,
      password: input.appPassword,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    if (answer.ok) return answer.session;
    return failed({
      session: null,
      failure: answer.kind,
      message: answer.message,
      problem: answer.problem,
      ...(answer.retryAfterMs !== null ? { retryAfterMs: answer.retryAfterMs } : {}),
    });
  };

  const reused = input.session ?? null;
  let session: BlueskySession;
  if (reused) session = reused;
  else {
    const loggedIn = await login();
    if (!('accessJwt' in loggedIn)) return loggedIn;
    session = loggedIn;
  }
  let response = await search(input, session);
  // An access token lives about two hours; an expired one answers 400 ExpiredToken or 401.
  if (reused && response.status === 'failed' && (response.httpStatus === 400 || response.httpStatus === 401)) {
    const loggedIn = await login();
    if (!('accessJwt' in loggedIn)) return loggedIn;
    session = loggedIn;
    response = await search(input, session);
  }
  switch (response.status) {
    case 'not_modified':
      return { ok: true, items: [], cursor: input.cursor ?? null, session, message: 'No new posts' };
    case 'failed':
      return failed({
        session,
        failure: response.httpStatus === 401 ? 'auth' : response.kind,
        message: response.message,
        problem: response.problem,
        ...(response.retryAfterMs !== null ? { retryAfterMs: response.retryAfterMs } : {}),
      });
    case 'ok':
      return readAnswer(response.body, session, input);
  }
}

function search(input: BlueskySearchInput, session: BlueskySession): Promise<PoliteResponse> {
  const url = new URL('/xrpc/app.bsky.feed.searchPosts', input.service);
  url.searchParams.set('q', input.query);
  url.searchParams.set('sort', 'latest');
  url.searchParams.set('limit', String(Math.min(100, Math.max(1, input.limit ?? 100))));
  if (input.cursor) url.searchParams.set('cursor', input.cursor);
  if (input.since !== undefined && input.since !== null)
    url.searchParams.set('since', new Date(input.since).toISOString());
  return input.fetcher.get({
    url: url.toString(),
    headers: { accept: 'application/json', authorization: `Bearer ${session.accessJwt}` },
    ...(input.signal ? { signal: input.signal } : {}),
  });
}

function readAnswer(body: Buffer, session: BlueskySession, input: BlueskySearchInput): BlueskySearchResult {
  let answer: z.infer<typeof SearchAnswer>;
  try {
    const parsed = SearchAnswer.safeParse(JSON.parse(body.toString('utf8')));
    if (!parsed.success) throw new Error('not a search answer');
    answer = parsed.data;
  } catch {
    return {
      ok: false,
      items: [],
      cursor: input.cursor ?? null,
      session,
      failure: 'malformed',
      ...said('blueskyNotSearch'),
    };
  }
  const items: NormalizedItem[] = [];
  for (const raw of answer.posts) {
    const item = normalizePostView(raw);
    if (item) items.push(item);
  }
  return {
    ok: true,
    items,
    cursor: answer.cursor ?? null,
    session,
    message: `${items.length} post${items.length === 1 ? '' : 's'}`,
  };
}

function normalizePostView(raw: unknown): NormalizedItem | null {
  const view = PostView.safeParse(raw);
  if (!view.success) return null;
  const record = PostRecord.safeParse(view.data.record);
  const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(view.data.uri);
  if (!record.success || !match?.[1] || !match[2]) return null;
  const indexedAt = view.data.indexedAt ? Date.parse(view.data.indexedAt) : Number.NaN;
  const item = normalizePostRecord(record.data, {
    did: match[1],
    rkey: match[2],
    receivedAt: Number.isFinite(indexedAt) ? indexedAt : Date.now(),
    authorHandle: view.data.author.handle ?? view.data.author.did,
    authorName: view.data.author.displayName ?? null,
  });
  const viewImages = ImagesView.safeParse(view.data.embed);
  const mediaUrls = viewImages.success
    ? viewImages.data.images.map((image) => image.fullsize).slice(0, 16)
    : recordMediaUrls(match[1], record.data.embed);
  return {
    ...item,
    engagement: {
      likes: view.data.likeCount ?? 0,
      reposts: (view.data.repostCount ?? 0) + (view.data.quoteCount ?? 0),
      replies: view.data.replyCount ?? 0,
    },
    mediaUrls,
  };
}
