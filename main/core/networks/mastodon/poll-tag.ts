import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { PoliteFetcher } from '../../net/types';
import type { SourcePollFailure } from '../common/poll-failure';
import { defaultSanitize, type SanitizeWithText } from '../../sanitize/sanitizer';
import { MastodonStatus, instanceOrigin, maxStatusId, normalizeMastodonStatus, normalizeTag } from './status';
import { said, type HealthProblem, type SaidProblem } from '../../../../shared/sources/health-problem';

export interface MastodonTagPollInput {
  /** Host or origin, e.g. "mastodon.social" or "https://mastodon.social". */
  instance: string;
  /** With or without '#'. */
  tag: string;
  /** Highest status id already taken in; null on the first poll (then the newest page is read). */
  minId: string | null;
  fetcher: PoliteFetcher;
  /** Defaults to the app's sanitize-html allow-list. */
  sanitize?: SanitizeWithText;
  accessToken?: string;
  signal?: AbortSignal;
}

export interface MastodonTagPollResult {
  ok: boolean;
  /** Newest first, as Mastodon sends them. */
  items: NormalizedItem[];
  /** Pass as `minId` next time; unchanged on failure or when nothing was new. */
  newMinId: string | null;
  /** Set when the server asked us to wait (429 / 503 Retry-After). */
  retryAfterMs?: number;
  failure?: SourcePollFailure;
  /** Plain English words (logs); on failure, `problem` says it in the reader's language. */
  message: string;
  problem?: HealthProblem;
  /** True when a full page came back: more statuses are waiting, poll again soon. */
  hasMore: boolean;
}

/** Mastodon's maximum page size for timelines. */
export const mastodonPageLimit = 40;

export function mastodonTagUrl(instance: string, tag: string, minId: string | null): string {
  const url = new URL(`/api/v1/timelines/tag/${encodeURIComponent(normalizeTag(tag))}`, instanceOrigin(instance));
  // min_id (not since_id) pages forward from the cursor, so a backlog larger than one page is read in order.
  if (minId !== null) url.searchParams.set('min_id', minId);
  url.searchParams.set('limit', String(mastodonPageLimit));
  return url.toString();
}

export async function pollMastodonTag(input: MastodonTagPollInput): Promise<MastodonTagPollResult> {
  const origin = instanceOrigin(input.instance);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (input.accessToken) headers.authorization = `Bearer ${input.accessToken}`;
  const response = await input.fetcher.get({
    url: mastodonTagUrl(input.instance, input.tag, input.minId),
    headers,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  switch (response.status) {
    case 'not_modified':
      return { ok: true, items: [], newMinId: input.minId, message: 'No new posts', hasMore: false };
    case 'failed':
      return {
        ok: false,
        items: [],
        newMinId: input.minId,
        ...(response.retryAfterMs !== null ? { retryAfterMs: response.retryAfterMs } : {}),
        failure: response.kind,
        message: response.message,
        problem: response.problem,
        hasMore: false,
      };
    case 'ok':
      return readTimeline(response.body, input, origin.host);
  }
}

function readTimeline(body: Buffer, input: MastodonTagPollInput, instanceHost: string): MastodonTagPollResult {
  const malformed = (why: SaidProblem): MastodonTagPollResult => ({
    ok: false,
    items: [],
    newMinId: input.minId,
    failure: 'malformed',
    ...why,
    hasMore: false,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return malformed(said('mastodonNotJson'));
  }
  const page = z.array(z.unknown()).safeParse(parsed);
  if (!page.success) return malformed(said('mastodonNotPosts'));
  const items: NormalizedItem[] = [];
  const ids: string[] = [];
  let skipped = 0;
  for (const raw of page.data) {
    const rawId = readId(raw);
    if (rawId !== null) ids.push(rawId);
    const status = MastodonStatus.safeParse(raw);
    const item = status.success
      ? normalizeMastodonStatus(status.data, { instanceHost, sanitize: input.sanitize ?? defaultSanitize })
      : null;
    if (item) items.push(item);
    else skipped += 1;
  }
  // The cursor advances over skipped statuses too, or one broken status would be re-read forever.
  const newMinId = maxStatusId(ids, input.minId);
  const note = skipped > 0 ? ` (${skipped} unreadable skipped)` : '';
  return {
    ok: true,
    items,
    newMinId,
    message: `${items.length} new post${items.length === 1 ? '' : 's'}${note}`,
    hasMore: page.data.length >= mastodonPageLimit,
  };
}

function readId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  return typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : null;
}
