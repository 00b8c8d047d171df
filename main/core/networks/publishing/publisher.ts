import type { PublishProblem } from '../../../../shared/publishing/publish-problem';

/**
 * The port between the outbox (which decides when and whether something is sent) and a
 * network's publishing client (which knows how). The outbox never retries blindly: anything
 * that is not a clear answer comes back as `unknown` and is settled with `find` before the
 * entry may be sent again, so one entry makes at most one remote post.
 */

/** An image attached to a post, as read from the room's asset folder. */
export interface PublishImage {
  bytes: Buffer;
  mimeType: string;
  /** Asked for each image; empty only when the person chose to publish without it. */
  altText: string;
  fileName: string;
}

/** The remote post a draft answers, when it was started from a Mastodon or Bluesky item. */
export interface ReplyTarget {
  /** The post's public URL (resolved on our own instance for Mastodon). */
  url: string;
  /** Mastodon status id on the source instance, or a Bluesky at:// URI. */
  remoteId: string;
  /** Bluesky only: the post's CID (needed with the URI for reply refs). */
  cid?: string | undefined;
  /** Bluesky only: the thread root, when the target is itself a reply. */
  root?: { uri: string; cid: string } | undefined;
}

/** One outbox entry as a client sends it. */
export interface OutgoingPost {
  /** Stable for the entry's whole life: the Mastodon Idempotency-Key. */
  entryId: string;
  /** Bluesky record key (a TID) chosen and stored when the entry was created. */
  rkey: string;
  text: string;
  /** BCP-47 language of the room ('fr', 'en'): Mastodon `language`, Bluesky `langs`. */
  language: string | null;
  images: PublishImage[];
  replyTo: ReplyTarget | null;
  /** Mastodon only. */
  contentWarning: string | null;
  visibility: 'public' | 'unlisted';
  /** The entry was created at this time: a post found by `find` is never older. */
  createdAt: number;
  signal: AbortSignal;
}

/** The account's rate-limit budget as the server last reported it. */
export interface RateBudget {
  remaining: number | null;
  resetAt: number | null;
}

export type PublishOutcome =
  /** The server acknowledged the post: `acknowledgedAt` is our clock when the answer arrived. */
  | { kind: 'published'; remoteId: string; url: string; acknowledgedAt: number; budget: RateBudget | null }
  /** A clear refusal that sending again would not fix (422: too long, media missing…). */
  | { kind: 'rejected'; status: number; problem: PublishProblem }
  /** 401/403: the account must be reconnected; nothing was posted. */
  | { kind: 'reconnect'; status: number; problem: PublishProblem }
  /** 429: nothing was posted; wait until `until` (Retry-After / reset headers). */
  | { kind: 'rate_limited'; until: number; problem: PublishProblem }
  /** The request never reached the server (refused, DNS, offline): nothing was posted. */
  | { kind: 'offline'; problem: PublishProblem }
  /**
   * Timeout, reset after sending, 5xx, a body we cannot read: the post may or may not
   * exist. The outbox must call `find` before sending again.
   */
  | { kind: 'unknown'; problem: PublishProblem };

export type FindOutcome =
  | { kind: 'found'; remoteId: string; url: string; acknowledgedAt: number }
  | { kind: 'absent' }
  /** Could not tell (offline, 5xx): ask again later, do not send. */
  | { kind: 'unknown'; problem: PublishProblem };

export type RetractOutcome =
  | { kind: 'deleted' }
  /** Already gone remotely: as good as deleted. */
  | { kind: 'absent' }
  | { kind: 'reconnect'; problem: PublishProblem }
  | { kind: 'failed'; problem: PublishProblem; retryable: boolean };

/** What the instance allows, read when the account is checked (Mastodon `/api/v2/instance`). */
export interface PublishLimits {
  maxCharacters: number;
  maxImages: number;
  /** Mastodon counts each link as this many characters. */
  charactersPerUrl: number | null;
  /** Bluesky: an image blob may be at most this many bytes (after downscaling). */
  maxImageBytes: number;
}

export type VerifyOutcome =
  | {
      ok: true;
      /** The remote account's stable id (Mastodon account id, Bluesky DID). */
      remoteAccountId: string;
      handle: string;
      displayName: string;
      avatarUrl: string | null;
      limits: PublishLimits;
    }
  | { ok: false; kind: 'reconnect' | 'offline' | 'rejected'; problem: PublishProblem };

/** A connected account's client. One instance per account; it keeps its own session. */
export interface Publisher {
  verify(signal: AbortSignal): Promise<VerifyOutcome>;
  publish(post: OutgoingPost): Promise<PublishOutcome>;
  /** Settles an unknown outcome: is the entry's post on the account? */
  find(post: Pick<OutgoingPost, 'entryId' | 'rkey' | 'text' | 'createdAt' | 'signal'>): Promise<FindOutcome>;
  retract(remoteId: string, signal: AbortSignal): Promise<RetractOutcome>;
}

export type MastodonCredentials = { network: 'mastodon'; instance: string; accessToken: string };
export type BlueskyCredentials = { network: 'bluesky'; service: string; identifier: string; appPassword: string };
export type PublishCredentials = MastodonCredentials | BlueskyCredentials;

/** A Bluesky session kept between runs (sessions, not logins: createSession is rate-limited). */
export interface StoredBlueskySession {
  did: string;
  handle: string;
  accessJwt: string;
  refreshJwt: string;
}

export interface PublisherOptions {
  now: () => number;
  /** Bluesky: the last saved session, so a restart refreshes instead of logging in. */
  savedSession?: StoredBlueskySession | null;
  /** Bluesky: called whenever the session is created or refreshed, to store it encrypted. */
  saveSession?: (session: StoredBlueskySession | null) => void;
}

export type CreatePublisher = (credentials: PublishCredentials, options: PublisherOptions) => Publisher;
