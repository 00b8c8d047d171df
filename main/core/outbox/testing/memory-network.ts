import { publishProblem } from '../../../../shared/publishing/publish-problem';
import type {
  CreatePublisher,
  FindOutcome,
  OutgoingPost,
  PublishOutcome,
  Publisher,
} from '../../networks/publishing/publisher';

/** What the next publish call does, in order; then normal service. */
export type ScriptedStep =
  /** The server stores the post, then the answer is lost (timeout, reset): the client sees unknown. */
  'drop_after_commit' | 'server_error' | 'offline' | { reject: string } | { rateLimitedFor: number } | 'unauthorized';

export interface RemotePost {
  id: string;
  entryId: string;
  rkey: string;
  text: string;
  createdAt: number;
}

/**
 * An in-memory network for core tests of the outbox: it keeps posts the way Mastodon
 * (Idempotency-Key, first answer wins) and Bluesky (one record per rkey) do, so a test can
 * count remote posts per entry. The wire-level clients are tested against the local
 * protocol servers in networks/testing/.
 */
export function createMemoryNetwork(now: () => number) {
  const posts: RemotePost[] = [];
  const script: ScriptedStep[] = [];
  const calls: string[] = [];
  let seq = 0;

  const store = (post: OutgoingPost, network: string): RemotePost => {
    const existing = posts.find((p) => (network === 'bluesky' ? p.rkey === post.rkey : p.entryId === post.entryId));
    if (existing) return existing;
    seq += 1;
    const created = { id: String(seq), entryId: post.entryId, rkey: post.rkey, text: post.text, createdAt: now() };
    posts.push(created);
    return created;
  };
  const urlOf = (network: string, post: RemotePost) =>
    network === 'bluesky'
      ? `https://bsky.app/profile/riposte.test/post/${post.rkey}`
      : `https://social.test/@riposte/${post.id}`;

  const publisherFor = (network: 'mastodon' | 'bluesky'): Publisher => ({
    verify: async () => ({
      ok: true,
      remoteAccountId: 'acct-1',
      handle: 'riposte',
      displayName: 'Riposte',
      avatarUrl: null,
      limits: {
        maxCharacters: network === 'bluesky' ? 300 : 500,
        maxImages: 4,
        charactersPerUrl: 23,
        maxImageBytes: 1_000_000,
      },
    }),
    async publish(post): Promise<PublishOutcome> {
      calls.push(`publish:${post.entryId}`);
      const step = script.shift();
      if (step === 'offline')
        return { kind: 'offline', problem: publishProblem('unreachable', { detail: 'ECONNREFUSED' }) };
      if (step === 'server_error')
        return { kind: 'unknown', problem: publishProblem('httpStatus', { status: 503 }, 'posting') };
      if (step === 'unauthorized')
        return {
          kind: 'reconnect',
          status: 401,
          problem: publishProblem('serverSaid', { status: 401, detail: 'The access token is invalid' }),
        };
      if (typeof step === 'object' && 'reject' in step)
        return {
          kind: 'rejected',
          status: 422,
          problem: publishProblem('serverSaid', { status: 422, detail: step.reject }),
        };
      if (typeof step === 'object' && 'rateLimitedFor' in step) {
        return {
          kind: 'rate_limited',
          until: now() + step.rateLimitedFor,
          problem: publishProblem('httpStatus', { status: 429 }, 'posting'),
        };
      }
      // Bluesky: re-creating an existing record key is an error (HTTP 500), not the same answer.
      if (network === 'bluesky' && posts.some((p) => p.rkey === post.rkey))
        return { kind: 'unknown', problem: publishProblem('httpStatus', { status: 500 }, 'posting') };
      const stored = store(post, network);
      if (step === 'drop_after_commit')
        return { kind: 'unknown', problem: publishProblem('connectionLost', { detail: 'ECONNRESET' }) };
      return {
        kind: 'published',
        remoteId: stored.id,
        url: urlOf(network, stored),
        acknowledgedAt: now(),
        budget: null,
      };
    },
    async find(post): Promise<FindOutcome> {
      calls.push(`find:${post.entryId}`);
      const found = posts.find((p) => (network === 'bluesky' ? p.rkey === post.rkey : p.entryId === post.entryId));
      return found
        ? { kind: 'found', remoteId: found.id, url: urlOf(network, found), acknowledgedAt: found.createdAt }
        : { kind: 'absent' };
    },
    async retract(remoteId) {
      calls.push(`retract:${remoteId}`);
      const index = posts.findIndex((p) => p.id === remoteId);
      if (index < 0) return { kind: 'absent' };
      posts.splice(index, 1);
      return { kind: 'deleted' };
    },
  });

  const createPublisher: CreatePublisher = (credentials) => publisherFor(credentials.network);
  return {
    createPublisher,
    posts,
    calls,
    script: (...steps: ScriptedStep[]) => void script.push(...steps),
    postsOf: (entryId: string) => posts.filter((p) => p.entryId === entryId).length,
  };
}
export type MemoryNetwork = ReturnType<typeof createMemoryNetwork>;
