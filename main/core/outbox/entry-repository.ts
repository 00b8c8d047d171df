import { z } from 'zod';
import {
  englishPublishProblem,
  publishProblem,
  storedPublishProblem,
  type PublishProblem,
} from '../../../shared/publishing/publish-problem';
import { keyedError } from '../errors';
import type { EntryState, PublishNetwork, WaitReason } from '../../../shared/publishing/outbox';
import type { Db } from '../db/open-database';
import type { ReplyTarget } from '../networks/publishing/publisher';
import { StoredMedia } from './account-repository';

/** An outbox entry as stored: what the view shows plus what only the sender needs. */
export interface StoredEntry {
  id: string;
  roomId: string;
  draftId: string;
  accountId: string;
  network: PublishNetwork;
  channelLabel: string;
  body: string;
  draftVersion: number;
  media: { name: string; altText: string }[];
  replyTo: ReplyTarget | null;
  contentWarning: string | null;
  /** Mastodon only; Bluesky posts are always public. */
  visibility: 'public' | 'unlisted';
  rkey: string;
  state: EntryState;
  notBefore: number;
  waitReason: WaitReason | null;
  nextAttemptAt: number | null;
  attempts: number;
  firstSentAt: number | null;
  staleConfirmed: boolean;
  remoteId: string | null;
  remoteUrl: string | null;
  publishedAt: number | null;
  failureCode: string | null;
  /** The English sentence (CSV, logs); rows stored before problems had codes only have this. */
  failureReason: string | null;
  /** Why, as a code and its parameters, said in the reader's language. */
  failureProblem: PublishProblem | null;
  retryable: boolean;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  retractedAt: number | null;
}

interface EntryRow {
  id: string;
  room_id: string;
  draft_id: string;
  account_id: string;
  network: PublishNetwork;
  channel_label: string;
  body: string;
  draft_version: number;
  media: string;
  reply_to: string | null;
  rkey: string;
  state: EntryState;
  not_before: number;
  wait_reason: WaitReason | null;
  next_attempt_at: number | null;
  attempts: number;
  first_sent_at: number | null;
  stale_confirmed: number;
  remote_id: string | null;
  remote_url: string | null;
  published_at: number | null;
  failure_code: string | null;
  failure_reason: string | null;
  failure_problem: string | null;
  retryable: number;
  created_at: number;
  created_by: string;
  updated_at: number;
  retracted_at: number | null;
}

const ReplyColumn = z.object({
  target: z
    .object({
      url: z.string(),
      remoteId: z.string(),
      cid: z.string().optional(),
      root: z.object({ uri: z.string(), cid: z.string() }).optional(),
    })
    .nullable(),
  contentWarning: z.string().nullable(),
  // Entries written before visibility was a choice went out public.
  visibility: z.enum(['public', 'unlisted']).default('public'),
});

/**
 * Entries whose stored media or reply settings could not be read (damaged, hand-edited, or
 * written by a newer Riposte): shown as failed with the reason, never sent, never written over.
 */
const unreadableEntries = new WeakSet<StoredEntry>();
const liveStates: ReadonlySet<EntryState> = new Set(['queued', 'sending', 'unknown', 'retracting']);

function storedDetails(row: EntryRow): { extra: z.infer<typeof ReplyColumn>; media: StoredEntry['media'] } | null {
  try {
    const extra = ReplyColumn.safeParse(
      row.reply_to === null ? { target: null, contentWarning: null } : JSON.parse(row.reply_to),
    );
    const media = StoredMedia.safeParse(JSON.parse(row.media));
    return extra.success && media.success ? { extra: extra.data, media: media.data } : null;
  } catch {
    return null;
  }
}

function toEntry(row: EntryRow): StoredEntry {
  const details = storedDetails(row);
  if (details === null) {
    const problem = publishProblem('entryUnreadable');
    const entry: StoredEntry = {
      ...entryOf(row, { extra: { target: null, contentWarning: null, visibility: 'public' }, media: [] }),
      // What was on its way out is not sent: the post it would make cannot be known.
      ...(liveStates.has(row.state) ? { state: 'failed' as const, waitReason: null, nextAttemptAt: null } : {}),
      failureCode: 'entry_unreadable',
      failureReason: englishPublishProblem(problem),
      failureProblem: problem,
      retryable: false,
    };
    unreadableEntries.add(entry);
    return entry;
  }
  return entryOf(row, details);
}

const readable = (entry: StoredEntry): boolean => !unreadableEntries.has(entry);

const entryOf = (
  row: EntryRow,
  { extra, media }: { extra: z.infer<typeof ReplyColumn>; media: StoredEntry['media'] },
): StoredEntry => {
  return {
    id: row.id,
    roomId: row.room_id,
    draftId: row.draft_id,
    accountId: row.account_id,
    network: row.network,
    channelLabel: row.channel_label,
    body: row.body,
    draftVersion: row.draft_version,
    media,
    replyTo: extra.target,
    contentWarning: extra.contentWarning,
    visibility: extra.visibility,
    rkey: row.rkey,
    state: row.state,
    notBefore: row.not_before,
    waitReason: row.wait_reason,
    nextAttemptAt: row.next_attempt_at,
    attempts: row.attempts,
    firstSentAt: row.first_sent_at,
    staleConfirmed: row.stale_confirmed === 1,
    remoteId: row.remote_id,
    remoteUrl: row.remote_url,
    publishedAt: row.published_at,
    failureCode: row.failure_code,
    failureReason: row.failure_reason,
    failureProblem: storedPublishProblem(row.failure_problem),
    retryable: row.retryable === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    retractedAt: row.retracted_at,
  };
};

const toRow = (entry: StoredEntry): EntryRow => ({
  id: entry.id,
  room_id: entry.roomId,
  draft_id: entry.draftId,
  account_id: entry.accountId,
  network: entry.network,
  channel_label: entry.channelLabel,
  body: entry.body,
  draft_version: entry.draftVersion,
  media: JSON.stringify(entry.media),
  reply_to:
    entry.replyTo === null && entry.contentWarning === null && entry.visibility === 'public'
      ? null
      : JSON.stringify({ target: entry.replyTo, contentWarning: entry.contentWarning, visibility: entry.visibility }),
  rkey: entry.rkey,
  state: entry.state,
  not_before: entry.notBefore,
  wait_reason: entry.waitReason,
  next_attempt_at: entry.nextAttemptAt,
  attempts: entry.attempts,
  first_sent_at: entry.firstSentAt,
  stale_confirmed: entry.staleConfirmed ? 1 : 0,
  remote_id: entry.remoteId,
  remote_url: entry.remoteUrl,
  published_at: entry.publishedAt,
  failure_code: entry.failureCode,
  failure_reason: entry.failureReason,
  failure_problem: entry.failureProblem === null ? null : JSON.stringify(entry.failureProblem),
  retryable: entry.retryable ? 1 : 0,
  created_at: entry.createdAt,
  created_by: entry.createdBy,
  updated_at: entry.updatedAt,
  retracted_at: entry.retractedAt,
});

const columns: readonly (keyof EntryRow)[] = [
  'id',
  'room_id',
  'draft_id',
  'account_id',
  'network',
  'channel_label',
  'body',
  'draft_version',
  'media',
  'reply_to',
  'rkey',
  'state',
  'not_before',
  'wait_reason',
  'next_attempt_at',
  'attempts',
  'first_sent_at',
  'stale_confirmed',
  'remote_id',
  'remote_url',
  'published_at',
  'failure_code',
  'failure_reason',
  'failure_problem',
  'retryable',
  'created_at',
  'created_by',
  'updated_at',
  'retracted_at',
];

/**
 * Outbox entries. Every change is a compare-and-set on the state read (`from`), so the
 * sender and a person clicking "cancel" at the same instant cannot both win.
 */
export function createEntryRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox_entries (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const update = db.prepare(
    `UPDATE outbox_entries SET ${columns
      .filter((c) => c !== 'id')
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = @id AND state = @expected_state AND updated_at = @expected_updated_at`,
  );
  const byId = db.prepare<[string], EntryRow>('SELECT * FROM outbox_entries WHERE id = ?');
  const ofDraft = db.prepare<[string], EntryRow>(
    'SELECT * FROM outbox_entries WHERE draft_id = ? ORDER BY created_at, id',
  );
  const ofRoom = db.prepare<[string], EntryRow>(
    'SELECT * FROM outbox_entries WHERE room_id = ? ORDER BY created_at DESC, id LIMIT 1000',
  );
  // Due now; manual channels and "too old, send anyway?" wait for a person, not the sender.
  // A frozen room sends nothing, but a retraction (deleting) still goes through.
  const due = db.prepare<{ now: number; limit: number; offset: number }, EntryRow>(
    `SELECT e.* FROM outbox_entries e
     WHERE e.state IN ('queued', 'unknown', 'retracting') AND e.not_before <= @now AND e.network != 'manual'
       AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= @now)
       AND (e.wait_reason IS NULL OR e.wait_reason NOT IN ('stale', 'manual'))
       AND (e.state = 'retracting'
         OR NOT EXISTS (SELECT 1 FROM outbox_freezes f WHERE f.room_id = e.room_id AND f.unfrozen_at IS NULL))
     ORDER BY e.not_before, e.id LIMIT @limit OFFSET @offset`,
  );
  // When the next waiting entry becomes due, so the sender wakes then rather than up to a tick late.
  const nextDue = db.prepare<{ now: number }, { at: number | null }>(
    `SELECT MIN(CASE WHEN next_attempt_at > not_before THEN next_attempt_at ELSE not_before END) AS at
     FROM outbox_entries
     WHERE state IN ('queued', 'unknown', 'retracting') AND network != 'manual'
       AND (wait_reason IS NULL OR wait_reason NOT IN ('stale', 'manual'))
       AND (CASE WHEN next_attempt_at > not_before THEN next_attempt_at ELSE not_before END) > @now`,
  );
  const inState = db.prepare<[EntryState], EntryRow>('SELECT * FROM outbox_entries WHERE state = ? LIMIT 10000');
  const liveOfRoom = db.prepare<[string], EntryRow>(
    `SELECT * FROM outbox_entries WHERE room_id = ? AND state IN ('queued', 'sending', 'unknown')
     ORDER BY not_before LIMIT 1000`,
  );

  return {
    insert: (entry: StoredEntry): void => void insert.run(toRow(entry)),
    /** Writes `next` over `previous`; false when someone changed the entry in between. */
    replace(previous: StoredEntry, next: StoredEntry): boolean {
      if (!readable(previous)) {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.entryUnreadable',
          'This outbox entry could not be read from the store, so it cannot be changed or sent. Publish the draft again if it should still go out.',
        );
      }
      return (
        update.run({ ...toRow(next), expected_state: previous.state, expected_updated_at: previous.updatedAt })
          .changes === 1
      );
    },
    get(id: string): StoredEntry | undefined {
      const row = byId.get(id);
      return row ? toEntry(row) : undefined;
    },
    ofDraft: (draftId: string): StoredEntry[] => ofDraft.all(draftId).map(toEntry),
    ofRoom: (roomId: string): StoredEntry[] => ofRoom.all(roomId).map(toEntry),
    liveOfRoom: (roomId: string): StoredEntry[] => liveOfRoom.all(roomId).map(toEntry),
    /**
     * What the sender may send now, up to `limit`: never an entry that does not read, and such
     * entries never take a place, so however many there are the readable ones behind them still go.
     */
    due(now: number, limit: number): StoredEntry[] {
      const found: StoredEntry[] = [];
      for (let offset = 0; found.length < limit; offset += limit) {
        const page = due.all({ now, limit, offset });
        found.push(...page.map(toEntry).filter(readable));
        if (page.length < limit) break;
      }
      return found.slice(0, limit);
    },
    /** The earliest time after `now` at which a waiting entry becomes due, if any. */
    nextDueAfter: (now: number): number | null => nextDue.get({ now })?.at ?? null,
    /** For the sender (settling what a crash left `sending`): never an entry that does not read. */
    inState: (state: EntryState): StoredEntry[] => inState.all(state).map(toEntry).filter(readable),
  };
}
export type EntryRepository = ReturnType<typeof createEntryRepository>;
