import type { z } from 'zod';
import { inStep, publishProblem } from '../../../../../shared/publishing/publish-problem';
import type {
  FindOutcome,
  MastodonCredentials,
  OutgoingPost,
  Publisher,
  PublisherOptions,
  PublishOutcome,
  RetractOutcome,
  VerifyOutcome,
} from '../../publishing/publisher';
import { exchange, parseJson, type Exchange } from '../../publishing/transport';
import { instanceOrigin } from '../status';
import { Account, budgetFrom, failureOutcome, Instance, PostedStatus, SearchAnswer } from './answers';
import { findOwnStatus } from './find-own-status';
import { uploadMedia } from './media-upload';

export interface MastodonPublisherOptions extends PublisherOptions {
  /** Deadline of each request (default 30 s). */
  requestTimeoutMs?: number;
  /** How long an image may stay in processing after upload (default 60 s). */
  mediaTimeoutMs?: number;
  /** Pause between media polls (default 1 s). */
  mediaPollMs?: number;
  /** `find` accepts statuses this much older than the entry, for clocks that disagree (default 5 min). */
  clockSkewMs?: number;
  fetch?: typeof globalThis.fetch;
}

/**
 * Plain fetch + zod: the REST surface used here is five endpoints, and a client library
 * would hide the exact HTTP status and headers the outbox's outcomes are made of.
 */
export function createMastodonPublisher(
  credentials: MastodonCredentials,
  options: MastodonPublisherOptions,
): Publisher {
  const origin = instanceOrigin(credentials.instance);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const authorization = { authorization: `Bearer ${credentials.accessToken}` };
  let accountId: string | null = null;

  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    signal: AbortSignal,
    extra: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Exchange> =>
    exchange({
      method,
      url: new URL(path, origin),
      headers: { ...authorization, ...extra.headers },
      ...(extra.body === undefined ? {} : { body: extra.body }),
      signal,
      deadlineMs: requestTimeoutMs,
      fetch: fetchImpl,
    });

  async function ownAccount(signal: AbortSignal): Promise<z.infer<typeof Account> | Exchange> {
    const answer = await call('GET', '/api/v1/accounts/verify_credentials', signal);
    if (answer.kind !== 'answered' || answer.status !== 200) return answer;
    const account = Account.safeParse(parseJson(answer.body));
    if (!account.success) return { kind: 'unknown', problem: publishProblem('unreadableAnswer', {}, 'checking') };
    accountId = account.data.id;
    return account.data;
  }

  /** The reply target as a status id on OUR instance (a remote status has a local id once resolved). */
  async function resolveReply(post: OutgoingPost): Promise<{ id: string } | PublishOutcome> {
    if (!post.replyTo) return { id: '' };
    const query = new URLSearchParams({ q: post.replyTo.url, resolve: 'true', type: 'statuses', limit: '1' });
    const answer = await call('GET', `/api/v2/search?${query}`, post.signal);
    if (answer.kind !== 'answered' || answer.status !== 200) {
      const outcome = failureOutcome(answer, options.now(), 'replyTarget');
      // Nothing was posted yet: an unclear answer here is safe to try again.
      return outcome.kind === 'unknown' ? { ...outcome, kind: 'offline' } : outcome;
    }
    const found = SearchAnswer.safeParse(parseJson(answer.body));
    const first = found.success ? found.data.statuses[0] : undefined;
    if (!first) {
      return { kind: 'rejected', status: 404, problem: publishProblem('replyTargetMissing') };
    }
    return { id: first.id };
  }

  return {
    async verify(signal): Promise<VerifyOutcome> {
      const account = await ownAccount(signal);
      if ('kind' in account) return verifyFailure(account);
      const instance = await call('GET', '/api/v2/instance', signal);
      if (instance.kind !== 'answered' || instance.status !== 200) return verifyFailure(instance);
      const config = Instance.safeParse(parseJson(instance.body));
      const statuses = config.success ? config.data.configuration?.statuses : undefined;
      const media = config.success ? config.data.configuration?.media_attachments : undefined;
      return {
        ok: true,
        remoteAccountId: account.id,
        handle: `@${account.acct}@${origin.host}`,
        displayName: account.display_name || account.username,
        avatarUrl: account.avatar ?? null,
        limits: {
          maxCharacters: statuses?.max_characters ?? 500,
          maxImages: statuses?.max_media_attachments ?? 4,
          charactersPerUrl: statuses?.characters_reserved_per_url ?? 23,
          maxImageBytes: media?.image_size_limit ?? 16 * 1024 * 1024,
        },
      };
    },

    async publish(post): Promise<PublishOutcome> {
      const reply = await resolveReply(post);
      if ('kind' in reply) return reply;
      const mediaIds: string[] = [];
      for (const image of post.images) {
        const uploaded = await uploadMedia(
          {
            origin,
            accessToken: credentials.accessToken,
            now: options.now,
            requestTimeoutMs,
            mediaTimeoutMs: options.mediaTimeoutMs ?? 60_000,
            mediaPollMs: options.mediaPollMs ?? 1000,
            fetch: fetchImpl,
          },
          image,
          post.signal,
        );
        if (!uploaded.ok) return uploaded.outcome;
        mediaIds.push(uploaded.id);
      }
      const body = {
        status: post.text,
        visibility: post.visibility,
        ...(post.language ? { language: post.language } : {}),
        ...(post.contentWarning ? { spoiler_text: post.contentWarning, sensitive: true } : {}),
        ...(mediaIds.length > 0 ? { media_ids: mediaIds } : {}),
        ...(reply.id ? { in_reply_to_id: reply.id } : {}),
      };
      // The key makes a resend within the instance's hour answer the first status, not a second one.
      const answer = await call('POST', '/api/v1/statuses', post.signal, {
        headers: { 'content-type': 'application/json', 'idempotency-key': post.entryId },
        body: JSON.stringify(body),
      });
      if (answer.kind !== 'answered' || answer.status !== 200) {
        return failureOutcome(answer, options.now(), 'posting');
      }
      const status = PostedStatus.safeParse(parseJson(answer.body));
      if (!status.success) return { kind: 'unknown', problem: publishProblem('unreadableAnswer', {}, 'posting') };
      return {
        kind: 'published',
        remoteId: status.data.id,
        url: status.data.url ?? status.data.uri ?? new URL(`/statuses/${status.data.id}`, origin).href,
        acknowledgedAt: options.now(),
        budget: budgetFrom(answer.headers),
      };
    },

    async find(post): Promise<FindOutcome> {
      if (accountId === null) {
        const account = await ownAccount(post.signal);
        if ('kind' in account) {
          const problem =
            account.kind === 'answered' ? publishProblem('httpStatus', { status: account.status }) : account.problem;
          return { kind: 'unknown', problem: inStep(problem, 'lookingUp') };
        }
      }
      return findOwnStatus({ accountId: accountId ?? '', clockSkewMs: options.clockSkewMs ?? 5 * 60_000, call }, post);
    },

    async retract(remoteId, signal): Promise<RetractOutcome> {
      const answer = await call('DELETE', `/api/v1/statuses/${encodeURIComponent(remoteId)}`, signal);
      if (answer.kind === 'answered' && answer.status === 200) return { kind: 'deleted' };
      if (answer.kind === 'answered' && answer.status === 404) return { kind: 'absent' };
      const outcome = failureOutcome(answer, options.now(), 'deleting');
      if (outcome.kind === 'reconnect') return { kind: 'reconnect', problem: outcome.problem };
      return { kind: 'failed', problem: outcome.problem, retryable: outcome.kind !== 'rejected' };
    },
  };
}

function verifyFailure(answer: Exchange): VerifyOutcome {
  const outcome = failureOutcome(answer, Date.now(), 'checking');
  if (outcome.kind === 'reconnect') return { ok: false, kind: 'reconnect', problem: outcome.problem };
  if (outcome.kind === 'offline') return { ok: false, kind: 'offline', problem: outcome.problem };
  if (answer.kind === 'answered' && answer.status === 200) {
    return { ok: false, kind: 'rejected', problem: publishProblem('notMastodon') };
  }
  return { ok: false, kind: 'rejected', problem: outcome.problem };
}
