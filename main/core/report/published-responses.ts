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
  state: 'queued' | 'sending' | 'unknown' | 'published' | 'failed' | 'cancelled' | 'retracted';
  remoteId: string | null;
  remoteUrl: string | null;
  /** When the network acknowledged the post (ms), null until then. */
  publishedAt: number | null;
  failureReason: string | null;
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
      return db
        .prepare(
          `SELECT id, draft_id AS draftId, account_id AS accountId, network, channel_label AS channelLabel, state,
             remote_id AS remoteId, remote_url AS remoteUrl, published_at AS publishedAt,
             failure_reason AS failureReason, created_at AS createdAt, created_by AS createdBy
           FROM outbox_entries WHERE room_id = ? ORDER BY created_at, id`,
        )
        .all(roomId) as OutboxEntry[];
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
