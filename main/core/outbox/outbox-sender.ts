import { publicationStatus, type WaitReason } from '../../../shared/publishing/outbox';
import { englishPublishProblem, publishProblem, type PublishProblem } from '../../../shared/publishing/publish-problem';
import type { AuditLog } from '../audit/audit-log';
import { systemActor } from '../audit/audit-entries';
import { durably } from '../db/durable-write';
import type { Db } from '../db/open-database';
import type { Logger } from '../log/rotating-log';
import type {
  OutgoingPost,
  PublishImage,
  PublishOutcome,
  Publisher,
  RateBudget,
} from '../networks/publishing/publisher';
import type { DraftPublication } from './draft-publication';
import type { EntryRepository, StoredEntry } from './entry-repository';

/** Mastodon keeps an Idempotency-Key one hour; past 55 minutes we look the post up instead. */
export const MASTODON_IDEMPOTENCY_MS = 55 * 60_000;
/** A send (with its images) that has not answered by then is treated as unknown. */
export const SEND_DEADLINE_MS = 60_000;
/** After this many unclear or server-side failures in a row, the entry fails visibly. */
export const MAX_ATTEMPTS = 6;
const TICK_MS = 100;
/** Sends in flight at once; more due entries start as soon as one of these settles. */
export const MAX_IN_FLIGHT = 50;

/** A server's answer that the post is out, waiting for its group commit. */
interface Acknowledgement {
  entry: StoredEntry;
  remoteId: string;
  url: string;
  at: number;
}

/** Where a crash can strike in one send; tests and the soak inject one at each. */
export type CrashPoint = 'marked_sending' | 'request_sent' | 'answer_received';

export class SimulatedCrash extends Error {
  constructor(point: CrashPoint) {
    super(`Simulated crash at ${point}`);
    this.name = 'SimulatedCrash';
  }
}

export interface OutboxSenderDeps {
  db: Db;
  entries: EntryRepository;
  drafts: DraftPublication;
  audit: AuditLog;
  log: Logger;
  now: () => number;
  clientFor: (accountId: string) => Publisher | null;
  readImage: (roomId: string, name: string) => Promise<PublishImage>;
  roomLanguage: (roomId: string) => string | null;
  onReconnect: (accountId: string) => void;
  onChanged: (roomId: string) => void;
  onAlert: (entry: StoredEntry, kind: 'failed' | 'reconnect' | 'stale', problem: PublishProblem) => void;
  /** Tests: throw a SimulatedCrash at a point to stop everything as a kill would. */
  crashAt?: ((point: CrashPoint, entry: StoredEntry) => void) | undefined;
  random?: () => number;
}

/** A thrown error's own words (a missing image file, a bug) as the problem's detail. */
const unexpected = (error: unknown): PublishProblem =>
  publishProblem('unexpected', { detail: error instanceof Error ? error.message : String(error) });

/** The two failure columns: the problem, and its English sentence for the CSV and logs. */
const failure = (problem: PublishProblem) => ({
  failureProblem: problem,
  failureReason: englishPublishProblem(problem),
});

/** Jittered exponential back-off: 2 s, 4 s, 8 s… capped at a minute, ±50 %. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + random()));
}

/**
 * Sends what is due, one entry at a time per entry, and never twice. Every send is first
 * written as `sending`; an answer that is not clear (timeout, reset, 5xx, a crash before the
 * answer was stored) leaves it `unknown`, and an unknown entry is settled before anything
 * is sent again: by resending with the same Idempotency-Key inside Mastodon's hour, else by
 * looking the post up (Mastodon's own statuses, Bluesky's getRecord on the stored rkey).
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  const { db, entries, drafts, audit, log, now } = deps;
  const random = deps.random ?? Math.random;
  const inFlight = new Set<string>();
  /** Per account: nothing is sent before this time (429, Retry-After). */
  const rateLimitedUntil = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;
  let crashed = false;
  /** Every send still running, so stopping waits for them (each entry stays settleable). */
  const running = new Set<Promise<void>>();
  /** A pass left due entries behind (too many in flight): the next settled send starts them. */
  let backlog = false;
  /** Aborted on stop, so closing the app does not wait out a slow server (the entry stays settleable). */
  let shutdown = new AbortController();
  const deadline = () => AbortSignal.any([shutdown.signal, AbortSignal.timeout(SEND_DEADLINE_MS)]);

  const crash = (point: CrashPoint, entry: StoredEntry) => {
    deps.crashAt?.(point, entry);
  };

  /** Compare-and-set write; false when a person (cancel, freeze) got there first. */
  const write = (entry: StoredEntry, next: Partial<StoredEntry>): StoredEntry | null => {
    const updated: StoredEntry = { ...entry, ...next, updatedAt: Math.max(now(), entry.updatedAt + 1) };
    return entries.replace(entry, updated) ? updated : null;
  };

  const waitFor = (entry: StoredEntry, reason: WaitReason, until: number, state: 'queued' | 'unknown') =>
    write(entry, { state, waitReason: reason, nextAttemptAt: until });

  /** Stored as a code and its parameters (said in each reader's language), with its English sentence beside it. */
  const fail = (entry: StoredEntry, code: string, problem: PublishProblem, retryable: boolean) => {
    const failed = db.transaction(() => {
      const next = write(entry, {
        state: 'failed',
        failureCode: code,
        failureReason: englishPublishProblem(problem),
        failureProblem: problem,
        retryable,
        waitReason: null,
        nextAttemptAt: null,
      });
      if (next) {
        audit.record({
          type: 'publish_failed',
          roomId: entry.roomId,
          draftId: entry.draftId,
          actor: systemActor,
          at: next.updatedAt,
          entryId: entry.id,
          channel: entry.channelLabel,
          problem,
        });
      }
      return next;
    })();
    if (failed) deps.onAlert(failed, code === 'reconnect' ? 'reconnect' : 'failed', problem);
    return failed;
  };

  const recordPublished = ({ entry, remoteId, url, at }: Acknowledgement) => {
    const next = write(entry, {
      state: 'published',
      remoteId,
      remoteUrl: url,
      publishedAt: at,
      waitReason: null,
      nextAttemptAt: null,
      failureCode: null,
      failureReason: null,
      failureProblem: null,
    });
    if (!next) return;
    audit.record({
      type: 'published_channel',
      roomId: entry.roomId,
      draftId: entry.draftId,
      actor: systemActor,
      at,
      entryId: entry.id,
      channel: entry.channelLabel,
      url,
    });
    drafts.recordPublication(entry.draftId, at, publicationStatus(entries.ofDraft(entry.draftId)) === 'published');
  };

  /**
   * Acknowledgements are recorded together: the answers that arrive in one turn of the event
   * loop share one durable commit (one disk flush), so 50 answers landing at once do not
   * queue behind 50 flushes. Until that commit, microseconds later, the entry is still
   * `sending`, which is what a crash in between leaves anyway: it is read back on restart.
   */
  let acknowledgements: Array<Acknowledgement & { settle: (error?: unknown) => void }> = [];
  const commitAcknowledgements = () => {
    const batch = acknowledgements;
    acknowledgements = [];
    const failures = new Map<Acknowledgement, unknown>();
    try {
      // Durable (synchronous = FULL): the posts are out; a power cut must not undo their records and links.
      durably(
        db,
        db.transaction(() => {
          for (const ack of batch) {
            try {
              // Nested: a savepoint, so one record that cannot be written does not undo the others.
              db.transaction(() => recordPublished(ack))();
            } catch (error) {
              failures.set(ack, error);
            }
          }
        }),
      );
    } catch (error) {
      for (const ack of batch) failures.set(ack, error);
    }
    for (const ack of batch) ack.settle(failures.get(ack));
  };
  const published = (entry: StoredEntry, remoteId: string, url: string, at: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const settle = (error?: unknown) => (error === undefined ? resolve() : reject(error));
      acknowledgements.push({ entry, remoteId, url, at, settle });
      if (acknowledgements.length === 1) setImmediate(commitAcknowledgements);
    });

  /**
   * Unclear or server-side trouble: try again later (settling first), or fail visibly after
   * enough tries. A publish's own last unclear try is read back first (lastTryReadBack).
   */
  const unclear = (entry: StoredEntry, problem: PublishProblem) => {
    if (entry.attempts >= MAX_ATTEMPTS) {
      fail(entry, 'unknown', problem, true);
      return;
    }
    waitFor(entry, 'retrying', now() + retryDelayMs(entry.attempts, random), 'unknown');
  };

  /**
   * The server said how many posts the account has left (Mastodon's X-RateLimit-Remaining):
   * once none are, the account's next entries wait for the reset, saying until when, rather
   * than each being sent only to meet a 429.
   */
  const spentBudget = (accountId: string, budget: RateBudget | null) => {
    if (budget?.remaining !== 0 || budget.resetAt === null || budget.resetAt <= now()) return;
    rateLimitedUntil.set(accountId, Math.max(rateLimitedUntil.get(accountId) ?? 0, budget.resetAt));
  };

  /** `before`: the state before this try; a try that reached no server leaves the entry as it was. */
  const apply = (entry: StoredEntry, outcome: PublishOutcome, before: 'queued' | 'unknown'): Promise<void> | void => {
    switch (outcome.kind) {
      case 'published':
        spentBudget(entry.accountId, outcome.budget);
        return published(entry, outcome.remoteId, outcome.url, outcome.acknowledgedAt);
      case 'rejected':
        fail(entry, 'rejected', outcome.problem, false);
        return;
      case 'reconnect':
        deps.onReconnect(entry.accountId);
        fail(entry, 'reconnect', outcome.problem, true);
        return;
      case 'rate_limited':
        rateLimitedUntil.set(entry.accountId, outcome.until);
        // Nothing was posted: the entry stays as it was before this try.
        waitFor(entry, 'rate_limited', outcome.until, before);
        return;
      case 'offline':
        // The request never reached the server: wait for the network, with no limit on tries.
        waitFor(entry, 'offline', now() + Math.min(30_000, retryDelayMs(Math.min(entry.attempts, 3), random)), before);
        return;
      case 'unknown':
        unclear(entry, outcome.problem);
        return;
    }
  };

  const postOf = async (entry: StoredEntry, signal: AbortSignal): Promise<OutgoingPost> => ({
    entryId: entry.id,
    rkey: entry.rkey,
    text: entry.body,
    language: deps.roomLanguage(entry.roomId),
    images: await Promise.all(
      entry.media.map((m) => deps.readImage(entry.roomId, m.name).then((img) => ({ ...img, altText: m.altText }))),
    ),
    replyTo: entry.replyTo,
    contentWarning: entry.contentWarning,
    visibility: entry.visibility,
    createdAt: entry.createdAt,
    signal,
  });

  /** Reads the entry's post back: Mastodon's own statuses, Bluesky's getRecord on the stored rkey. */
  const lookUp = (client: Publisher, entry: StoredEntry, signal: AbortSignal) =>
    client.find({ entryId: entry.id, rkey: entry.rkey, text: entry.body, createdAt: entry.createdAt, signal });

  async function send(entry: StoredEntry): Promise<void> {
    const client = deps.clientFor(entry.accountId);
    if (!client) {
      fail(entry, 'reconnect', publishProblem('credentialsGone'), true);
      return;
    }
    const at = now();
    const limitedUntil = rateLimitedUntil.get(entry.accountId) ?? 0;
    if (limitedUntil > at) {
      waitFor(entry, 'rate_limited', limitedUntil, entry.state === 'unknown' ? 'unknown' : 'queued');
      return;
    }
    const wasUnknown = entry.state === 'unknown';
    const sending = write(entry, {
      state: 'sending',
      attempts: entry.attempts + 1,
      firstSentAt: entry.firstSentAt ?? at,
      waitReason: null,
      nextAttemptAt: null,
    });
    if (!sending) return;
    crash('marked_sending', sending);
    const signal = deadline();
    const insideKeyHour = entry.network === 'mastodon' && at - (entry.firstSentAt ?? at) < MASTODON_IDEMPOTENCY_MS;
    // An unclear send whose draft went stale meanwhile is read back, never resent blindly:
    // if it never landed, it must not go out late without a person saying so.
    const stale = wasUnknown && pastFreshness(entry) !== null;
    if (wasUnknown && (stale || !insideKeyHour)) {
      // Past Mastodon's hour, and always on Bluesky (re-creating a record key answers 500): look first.
      const found = await lookUp(client, entry, signal);
      crash('answer_received', sending);
      if (found.kind === 'found') {
        await published(sending, found.remoteId, found.url, found.acknowledgedAt);
        return;
      }
      if (found.kind === 'unknown') {
        unclear(sending, found.problem);
        return;
      }
      if (stale) {
        // Surely not posted: it waits like any queued entry past its window, for "send anyway" or cancel.
        holdStale(sending, { state: 'queued' });
        return;
      }
    }
    let outcome: PublishOutcome;
    try {
      const post = await postOf(sending, signal);
      crash('request_sent', sending);
      outcome = await client.publish(post);
    } catch (error) {
      if (error instanceof SimulatedCrash) throw error;
      outcome = { kind: 'unknown', problem: unexpected(error) };
    }
    crash('answer_received', sending);
    if (outcome.kind === 'unknown' && sending.attempts >= MAX_ATTEMPTS) {
      await lastTryReadBack(client, sending, outcome.problem);
      return;
    }
    await apply(sending, outcome, wasUnknown ? 'unknown' : 'queued');
  }

  /**
   * The last allowed try got no clear answer: the post may exist (a lost createRecord answer
   * leaves the record on the PDS), so it is read back before the entry fails. Failing it
   * unread would show "failed" for a post that is out, and a person's Retry is the only way
   * it would ever be settled. Crashes and read-backs spend tries too, so this is reached.
   */
  async function lastTryReadBack(client: Publisher, entry: StoredEntry, problem: PublishProblem): Promise<void> {
    // A fresh deadline: the send's own may be what ended the try.
    const found = await lookUp(client, entry, deadline());
    crash('answer_received', entry);
    if (found.kind === 'found') await published(entry, found.remoteId, found.url, found.acknowledgedAt);
    else fail(entry, 'unknown', found.kind === 'unknown' ? { ...problem, then: found.problem } : problem, true);
  }

  async function retract(entry: StoredEntry): Promise<void> {
    const client = deps.clientFor(entry.accountId);
    if (!client || entry.remoteId === null) {
      write(entry, {
        failureCode: 'retract',
        ...failure(publishProblem('accountGone')),
        waitReason: 'manual',
      });
      return;
    }
    const outcome = await client.retract(entry.remoteId, deadline());
    if (outcome.kind === 'deleted' || outcome.kind === 'absent') {
      write(entry, {
        state: 'retracted',
        retractedAt: now(),
        waitReason: null,
        nextAttemptAt: null,
        failureCode: null,
        failureReason: null,
        failureProblem: null,
      });
      return;
    }
    if (outcome.kind === 'reconnect') deps.onReconnect(entry.accountId);
    const retryable = outcome.kind === 'failed' ? outcome.retryable : false;
    write(entry, {
      failureCode: 'retract',
      ...failure(outcome.problem),
      waitReason: retryable ? 'retrying' : 'manual',
      nextAttemptAt: retryable ? now() + retryDelayMs(1, random) : null,
    });
  }

  /** Minutes past the draft's freshness window, or null while it is fresh (or a person said "send anyway"). */
  const pastFreshness = (entry: StoredEntry): number | null => {
    if (entry.staleConfirmed) return null;
    const draft = drafts.get(entry.draftId);
    return now() <= draft.expiresAt ? null : Math.round((now() - draft.expiresAt) / 60_000);
  };

  const holdStale = (entry: StoredEntry, next: Partial<StoredEntry> = {}) => {
    const minutes = pastFreshness(entry) ?? 0;
    const held = write(entry, { ...next, waitReason: 'stale', nextAttemptAt: null });
    if (held) deps.onAlert(held, 'stale', publishProblem('stale', { minutes }));
  };

  const staleCheck = (entry: StoredEntry): boolean => {
    // Only what surely never reached a server is held here; an unclear one is read back first (send).
    if (entry.state !== 'queued' || pastFreshness(entry) === null) return false;
    holdStale(entry);
    return true;
  };

  async function process(entry: StoredEntry): Promise<void> {
    try {
      if (entry.state === 'retracting') await retract(entry);
      else if (!staleCheck(entry)) await send(entry);
    } catch (error) {
      if (error instanceof SimulatedCrash) {
        crashed = true;
        stop();
        return;
      }
      log.error('Outbox entry could not be processed', { entryId: entry.id, error });
      const current = entries.get(entry.id);
      if (current && current.state === 'sending') unclear(current, unexpected(error));
    } finally {
      inFlight.delete(entry.id);
      deps.onChanged(entry.roomId);
    }
  }

  /**
   * Starts what is due without waiting for the sends already running: one slow server must
   * not hold back an entry whose undo window just ended (the next tick comes 100 ms later
   * whatever is in flight). Resolves when the sends this pass started have settled.
   */
  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    const room = MAX_IN_FLIGHT - inFlight.size;
    const due = entries.due(now(), MAX_IN_FLIGHT).filter((entry) => !inFlight.has(entry.id));
    backlog = due.length > room;
    const work = due.slice(0, Math.max(0, room)).map((entry) => {
      inFlight.add(entry.id);
      const done = process(entry);
      running.add(done);
      void done.finally(() => {
        running.delete(done);
        if (backlog && !stopped) startDue();
      });
      return done;
    });
    return Promise.all(work).then(() => undefined);
  }

  /** The next tick: TICK_MS from now, or sooner when an undo window or a back-off ends before that. */
  const schedule = () => {
    if (stopped) return;
    const at = now();
    const nextDue = entries.nextDueAfter(at);
    const wait = nextDue === null ? TICK_MS : Math.min(TICK_MS, Math.max(10, nextDue - at));
    timer = setTimeout(() => {
      startDue();
      schedule();
    }, wait);
  };

  function startDue(): void {
    try {
      void tick().catch((error: unknown) => log.error('Outbox send failed', { error }));
    } catch (error) {
      log.error('Outbox tick failed', { error });
    }
  }

  function stop(): void {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return {
    /** Entries a previous run left `sending` have an unknown outcome: they are settled first. */
    start(): void {
      for (const entry of entries.inState('sending')) {
        write(entry, { state: 'unknown', waitReason: null, nextAttemptAt: null });
      }
      stopped = false;
      crashed = false;
      shutdown = new AbortController();
      schedule();
    },
    /** Runs one pass at once (tests, and after a person's change). */
    async runOnce(): Promise<void> {
      await tick();
    },
    get crashed(): boolean {
      return crashed;
    },
    async stop(): Promise<void> {
      stop();
      shutdown.abort();
      await Promise.all([...running]);
    },
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;
