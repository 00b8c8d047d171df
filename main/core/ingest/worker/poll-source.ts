import type { SourceConfigOf } from '../../../../shared/sources/source';
import { parseFeed } from '../feeds/parse-feed';
import { pollMastodonTag } from '../../networks/mastodon/poll-tag';
import { pollRedditNewPosts } from '../../networks/reddit/poll-new-posts';
import { pollBlueskySearch } from './poll-bluesky-search';
import type { PollDeps } from './poll-deps';
import { failedOutcome, okOutcome } from './outcome';
import type { PollJob, PollOutcome } from './protocol';
import { said } from '../../../../shared/sources/health-problem';

export type { PollJob, PollOutcome, PollState } from './protocol';
export type { PollDeps } from './poll-deps';

/** One poll of one source: fetch (politely), parse, normalize, sanitize. Failures are values, not exceptions. */
export async function pollSource(job: PollJob, deps: PollDeps): Promise<PollOutcome> {
  try {
    switch (job.config.kind) {
      case 'feed':
        return await pollFeed(job, job.config, deps);
      case 'mastodon':
        return await pollMastodon(job, job.config, deps);
      case 'reddit':
        return await pollRedditSource(job, job.config, deps);
      case 'bluesky':
        if (job.config.mode === 'jetstream') {
          return failedOutcome(job, 'invalid_input', said('jetstreamNotPolled'));
        }
        return await pollBlueskySearch(job, job.config, deps);
    }
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    return failedOutcome(job, 'bad_response', said('unexpected', { detail }));
  }
}

async function pollFeed(job: PollJob, config: SourceConfigOf<'feed'>, deps: PollDeps): Promise<PollOutcome> {
  const response = await deps.fetcher.get({
    url: config.url,
    etag: job.state.etag,
    lastModified: job.state.lastModified,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  switch (response.status) {
    case 'not_modified':
      return {
        sourceId: job.sourceId,
        items: [],
        state: job.state,
        result: { kind: 'not_modified' },
        retryAfterMs: null,
        maxAgeMs: response.maxAgeMs,
        hasMore: false,
      };
    case 'failed':
      return failedOutcome(job, response.kind, response, response.retryAfterMs);
    case 'ok': {
      const read = () =>
        parseFeed(response.body, {
          url: response.finalUrl,
          contentType: response.contentType,
          contentLocation: response.headers?.['content-location'] ?? null,
          now: deps.now(),
          ...(deps.knownEntries
            ? { known: deps.knownEntries.of(job.sourceId), keysWanted: deps.knownEntries.perSource }
            : {}),
        });
      const parsed = deps.whileReading ? deps.whileReading(read) : read();
      // Validators are kept only with a readable body, so a broken feed is re-read (and reported) until fixed.
      if (!parsed.ok) return { ...failedOutcome(job, 'malformed', parsed), maxAgeMs: response.maxAgeMs };
      deps.knownEntries?.read(job.sourceId, parsed.keys);
      return okOutcome(job, {
        items: parsed.items,
        skipped: parsed.skipped,
        state: { etag: response.etag, lastModified: response.lastModified, cursor: job.state.cursor },
        maxAgeMs: response.maxAgeMs,
        notices: parsed.notices,
      });
    }
  }
}

async function pollMastodon(job: PollJob, config: SourceConfigOf<'mastodon'>, deps: PollDeps): Promise<PollOutcome> {
  const result = await pollMastodonTag({
    instance: config.instance,
    tag: config.tag,
    minId: job.state.cursor,
    fetcher: deps.fetcher,
    ...(job.credential ? { accessToken: job.credential } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (!result.ok) {
    return failedOutcome(job, result.failure ?? 'bad_response', result, result.retryAfterMs ?? null);
  }
  return okOutcome(job, {
    items: result.items,
    state: { ...job.state, cursor: result.newMinId },
    retryAfterMs: result.retryAfterMs ?? null,
    hasMore: result.hasMore,
  });
}

async function pollRedditSource(job: PollJob, config: SourceConfigOf<'reddit'>, deps: PollDeps): Promise<PollOutcome> {
  const result = await pollRedditNewPosts({
    kind: config.mode,
    ...(config.subreddit !== undefined ? { subreddit: config.subreddit } : {}),
    ...(config.query !== undefined ? { query: config.query } : {}),
    newestSeen: job.state.cursor,
    fetcher: deps.fetcher,
    userAgent: deps.userAgent,
    ...(deps.redditBaseUrl !== undefined ? { baseUrl: deps.redditBaseUrl } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (!result.ok) {
    return failedOutcome(job, result.failure ?? 'bad_response', result, result.retryAfterMs ?? null);
  }
  return okOutcome(job, {
    items: result.items,
    state: { ...job.state, cursor: result.newestSeen },
    retryAfterMs: result.retryAfterMs ?? null,
  });
}
