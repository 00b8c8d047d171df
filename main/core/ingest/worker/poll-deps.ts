import type { PoliteFetcher } from '../../net/types';
import type { EntryKey, KnownEntries } from '../feeds/parse-feed';
import type { BlueskySession, CreateSession } from '../../networks/bluesky/session';

/** Sessions by source id, with a fingerprint of the login so a changed password logs in again. */
export type BlueskySessionMemory = Map<string, { login: string; session: BlueskySession }>;

// Its own file: pollSource hands these to each network's poll, which must not import pollSource back.
export interface PollDeps {
  fetcher: PoliteFetcher;
  now: () => number;
  /** Reddit blocks generic agents: "desktop:riposte:0.1.0 (by /u/name)" style. */
  userAgent: string;
  /** Bluesky sessions kept between polls, keyed by source id (createSession is rate-limited). */
  blueskySessions?: BlueskySessionMemory;
  createBlueskySession?: CreateSession;
  /** Default https://www.reddit.com. */
  redditBaseUrl?: string;
  /** Aborts the fetch when the worker closes; an aborted poll rejects instead of answering. */
  signal?: AbortSignal;
  /**
   * Wraps the synchronous reading of a fetched body (parse, normalize, sanitize), so the
   * worker can name the source to blame if that work never ends.
   */
  whileReading?: <T>(read: () => T) => T;
  /**
   * Feeds: the entries of the source already stored, left out unread when unchanged, and
   * where the keys of every entry read go, for the caller to remember once they are stored.
   */
  knownEntries?: {
    of(sourceId: string): KnownEntries;
    /** How many entries' keys are kept: the first ones of the document. */
    perSource: number;
    read(sourceId: string, keys: EntryKey[]): void;
  };
}
