import { AtUri, XRPCError, type AppBskyFeedPost } from '@atproto/api';
import { publishProblem } from '../../../../../shared/publishing/publish-problem';
import type {
  BlueskyCredentials,
  FindOutcome,
  OutgoingPost,
  Publisher,
  PublisherOptions,
  PublishOutcome,
  RateBudget,
  RetractOutcome,
  VerifyOutcome,
} from '../../publishing/publisher';
import { withDeadline } from '../../publishing/transport';
import { BLUESKY_MAX_IMAGE_BYTES, uploadImages } from './images';
import { beforePosting, budgetFrom, type NotPublished } from './outcomes';
import { replyRefsFor } from './reply-refs';
import { facetsOf } from './rich-text';
import { createSessionKeeper } from './session-keeper';

export interface BlueskyPublisherOptions extends PublisherOptions {
  /** Deadline of each request (default 30 s). */
  requestTimeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

const postCollection = 'app.bsky.feed.post';

/** The web address people open: bsky.app shows posts of every PDS. */
export const postUrl = (handle: string, rkey: string) =>
  `https://bsky.app/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}`;

/**
 * Publishing to Bluesky with @atproto/api: its session handling (refresh on an expired
 * token), RichText facets and blob types are the field's own. Each post is created with
 * the record key the outbox chose when the entry was made, so an unclear answer is settled
 * by reading that key back (re-creating it answers HTTP 500 on a real PDS, never the first
 * record).
 */
export function createBlueskyPublisher(credentials: BlueskyCredentials, options: BlueskyPublisherOptions): Publisher {
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const baseFetch = options.fetch ?? globalThis.fetch;
  // The agent hands over a Request; its signal (the caller's) and our deadline both apply.
  const fetchWithDeadline: typeof globalThis.fetch = (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    return baseFetch(input, { ...init, signal: withDeadline(signal, requestTimeoutMs) });
  };
  const keeper = createSessionKeeper(credentials, options, fetchWithDeadline);
  const { agent } = keeper;
  let budget: RateBudget | null = null;

  /** A 429's reset time is the budget's too. */
  const notPublished = (outcome: NotPublished): PublishOutcome => {
    if (outcome.kind === 'rate_limited') budget = { remaining: 0, resetAt: outcome.until };
    return outcome;
  };

  return {
    async verify(signal): Promise<VerifyOutcome> {
      const session = await keeper.ensure('checking');
      if (!session.ok) return verifyFailure(session.outcome);
      const profile = await keeper.run('checking', () =>
        agent.app.bsky.actor.getProfile({ actor: session.value.did }, { signal }),
      );
      const limits = {
        maxCharacters: 300,
        maxImages: 4,
        charactersPerUrl: null,
        maxImageBytes: BLUESKY_MAX_IMAGE_BYTES,
      };
      if (!profile.ok && profile.outcome.kind === 'rejected') {
        // The session proves the credentials; a profile the AppView has not indexed yet (a new
        // account on its own PDS) only costs the display name and avatar.
        const { did, handle } = session.value;
        return { ok: true, remoteAccountId: did, handle, displayName: handle, avatarUrl: null, limits };
      }
      if (!profile.ok) return verifyFailure(profile.outcome);
      const { data } = profile.value;
      return {
        ok: true,
        remoteAccountId: data.did,
        handle: data.handle,
        displayName: data.displayName || data.handle,
        avatarUrl: data.avatar ?? null,
        limits,
      };
    },

    async publish(post: OutgoingPost): Promise<PublishOutcome> {
      const session = await keeper.ensure('signingIn');
      if (!session.ok) return notPublished(beforePosting(session.outcome));
      const facets = await facetsOf(post.text, keeper, post.signal);
      if (!facets.ok) return notPublished(facets.outcome);
      const reply = post.replyTo ? await replyRefsFor(post.replyTo, keeper, post.signal) : null;
      if (reply && !reply.ok) return notPublished(reply.outcome);
      const images = await uploadImages(post.images, keeper, BLUESKY_MAX_IMAGE_BYTES, post.signal);
      if (!images.ok) return notPublished(images.outcome);
      const record: AppBskyFeedPost.Record = {
        $type: postCollection,
        text: post.text,
        createdAt: new Date(options.now()).toISOString(),
        ...(post.language ? { langs: [post.language] } : {}),
        ...(facets.value.length > 0 ? { facets: facets.value } : {}),
        ...(reply?.ok ? { reply: reply.value } : {}),
        ...(images.value.length > 0 ? { embed: { $type: 'app.bsky.embed.images', images: images.value } } : {}),
      };
      const created = await keeper.run('posting', () =>
        agent.com.atproto.repo.createRecord(
          { repo: session.value.did, collection: postCollection, rkey: post.rkey, record, validate: true },
          { signal: post.signal },
        ),
      );
      if (!created.ok) return notPublished(created.outcome);
      budget = budgetFrom(created.value.headers) ?? budget;
      return {
        kind: 'published',
        remoteId: created.value.data.uri,
        url: postUrl(keeper.account()?.handle ?? session.value.handle, post.rkey),
        acknowledgedAt: options.now(),
        budget,
      };
    },

    async find(post): Promise<FindOutcome> {
      const session = await keeper.ensure('lookingUp');
      if (!session.ok) return { kind: 'unknown', problem: session.outcome.problem };
      const read = await keeper.run('lookingUp', async () => {
        try {
          const answer = await agent.com.atproto.repo.getRecord(
            { repo: session.value.did, collection: postCollection, rkey: post.rkey },
            { signal: post.signal },
          );
          return answer.data;
        } catch (error) {
          if (error instanceof XRPCError && error.error === 'RecordNotFound') return null;
          throw error;
        }
      });
      if (!read.ok) return { kind: 'unknown', problem: read.outcome.problem };
      if (read.value === null) return { kind: 'absent' };
      const value = read.value.value as { createdAt?: unknown };
      const writtenAt = typeof value.createdAt === 'string' ? Date.parse(value.createdAt) : Number.NaN;
      return {
        kind: 'found',
        remoteId: read.value.uri,
        url: postUrl(keeper.account()?.handle ?? session.value.handle, post.rkey),
        acknowledgedAt: Number.isFinite(writtenAt) ? writtenAt : options.now(),
      };
    },

    async retract(remoteId, signal): Promise<RetractOutcome> {
      let uri: AtUri;
      try {
        uri = new AtUri(remoteId);
      } catch {
        return { kind: 'failed', problem: publishProblem('notAPostAddress', { remoteId }), retryable: false };
      }
      const deleted = await keeper.run('deleting', () =>
        agent.com.atproto.repo.deleteRecord(
          { repo: uri.host, collection: uri.collection || postCollection, rkey: uri.rkey },
          { signal },
        ),
      );
      if (deleted.ok) return deleted.value.data.commit ? { kind: 'deleted' } : { kind: 'absent' };
      const outcome = deleted.outcome;
      if (outcome.kind === 'reconnect') return { kind: 'reconnect', problem: outcome.problem };
      return { kind: 'failed', problem: outcome.problem, retryable: outcome.kind !== 'rejected' };
    },
  };
}

function verifyFailure(outcome: NotPublished): VerifyOutcome {
  if (outcome.kind === 'reconnect') return { ok: false, kind: 'reconnect', problem: outcome.problem };
  if (outcome.kind === 'offline' || outcome.kind === 'unknown') {
    return { ok: false, kind: 'offline', problem: outcome.problem };
  }
  return { ok: false, kind: 'rejected', problem: outcome.problem };
}
