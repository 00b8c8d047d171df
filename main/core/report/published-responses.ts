import { storedPublishProblem, type PublishProblem } from '../../../shared/publishing/publish-problem';
import type { WaitReason } from '../../../shared/publishing/outbox';
import type { ReadableDb } from '../db/read-db';

/**
 * What the report reads of the outbox (publishing): one row per channel a draft was sent
 * to, and the room's freezes. Publishing owns those tables and may not exist yet in a
 * store (an older one, or before the outbox is built): then there is nothing published
 * through it and both lists are empty. Read-only, on the report's own connection.
 */
export interface OutboxEntry {
  id: string;
  draftId: string;
  accountId: string;
  network: 'mastodon' | 'bluesky' | 'manual';
  channelLabel: string;
  state: 'queued' | 'sending' | 'unknown' | 'published' | 'failed' | 'cancelled' | 'retracting' | 'retracted';
  /** Why a live entry had not left yet when the report was made (null once it settled). */
  waitReason: WaitReason | null;
  remoteId: string | null;
  remoteUrl: string | null;
  /** When the network acknowledged the post (ms), null until then. */
  publishedAt: number | null;
  /** The English sentence: the CSV, and entries stored before failures had codes. */
  failureReason: string | null;
  /** Why, as a code and its parameters: the document says it in its language. */
  failureProblem: PublishProblem | null;
  createdAt: number;
  createdBy: string;
}

export interface OutboxFreeze {
  frozenAt: number;
  frozenBy: string;
  reason: string;
  unfrozenAt: number | null;
  unfrozenBy: string | null;
}

export interface PublishedResponses {
  entries(roomId: string): OutboxEntry[];
  freezes(roomId: string): OutboxFreeze[];
}

const tableExists = (db: ReadableDb, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) !== undefined;

export function createPublishedResponses(db: ReadableDb): PublishedResponses {
  return {
    entries(roomId) {
      if (!tableExists(db, 'outbox_entries')) return [];
      const rows = db
        .prepare(
          `SELECT id, draft_id AS draftId, account_id AS accountId, network, channel_label AS channelLabel, state,
             wait_reason AS waitReason, remote_id AS remoteId, remote_url AS remoteUrl, published_at AS publishedAt,
             failure_reason AS failureReason, failure_problem AS failureProblem, created_at AS createdAt,
             created_by AS createdBy
           FROM outbox_entries WHERE room_id = ? ORDER BY created_at, id`,
        )
        .all(roomId) as (Omit<OutboxEntry, 'failureProblem'> & { failureProblem: string | null })[];
      return rows.map((row) => ({ ...row, failureProblem: storedPublishProblem(row.failureProblem) }));
    },
    freezes(roomId) {
      if (!tableExists(db, 'outbox_freezes')) return [];
      return db
        .prepare(
          `SELECT frozen_at AS frozenAt, frozen_by AS frozenBy, reason, unfrozen_at AS unfrozenAt,
             unfrozen_by AS unfrozenBy
           FROM outbox_freezes WHERE room_id = ? ORDER BY frozen_at`,
        )
        .all(roomId) as OutboxFreeze[];
    },
  };
}
