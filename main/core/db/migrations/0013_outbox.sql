-- Publishing. An account is where a room publishes: a Mastodon or Bluesky account (its
-- credentials live encrypted in `secrets`, never here) or a manual channel (X, Instagram…)
-- where a person posts by hand and tells Riposte when it is out. Removing an account only
-- marks it, so the outbox and the audit keep naming it.
CREATE TABLE publish_accounts (
  id           TEXT PRIMARY KEY,
  room_id      TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  network      TEXT NOT NULL CHECK (network IN ('mastodon', 'bluesky', 'manual')),
  label        TEXT NOT NULL,
  handle       TEXT,
  display_name TEXT,
  avatar_url   TEXT,
  -- Mastodon instance or Bluesky PDS origin; the manual channel's kind ('x', 'linkedin'…).
  server       TEXT NOT NULL,
  -- What the server allows (JSON PublishLimits), read when the account was checked.
  limits       TEXT NOT NULL DEFAULT '{}',
  -- 'ok', or 'reconnect' once the server refused its credentials (401/403).
  status       TEXT NOT NULL DEFAULT 'ok',
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  removed_at   INTEGER
) STRICT;
CREATE INDEX publish_accounts_room ON publish_accounts(room_id);

-- One entry per (draft, channel) publication. The text and images are copied in when the
-- entry is made: an edited body is a new entry, which is what Mastodon's Idempotency-Key
-- (the entry id) and Bluesky's record key (rkey, chosen here) need to never post twice.
--   queued → sending → published | failed | cancelled;  sending → unknown → (reconciled)
--   published → retracting → retracted (manual channels: when a person says it is deleted)
CREATE TABLE outbox_entries (
  id              TEXT PRIMARY KEY,
  room_id         TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  draft_id        TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  account_id      TEXT NOT NULL REFERENCES publish_accounts(id),
  network         TEXT NOT NULL,
  channel_label   TEXT NOT NULL,
  body            TEXT NOT NULL,
  draft_version   INTEGER NOT NULL,
  -- JSON [{ name, altText }]
  media           TEXT NOT NULL DEFAULT '[]',
  -- JSON ReplyTarget, or NULL for a new post
  reply_to        TEXT,
  rkey            TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN
                    ('queued', 'sending', 'unknown', 'published', 'failed', 'cancelled', 'retracting', 'retracted')),
  -- Nothing leaves before this: the end of the undo window, or the scheduled time.
  not_before      INTEGER NOT NULL,
  -- Why a due entry still waits ('offline', 'rate_limited', 'retrying', 'stale') and until when.
  wait_reason     TEXT,
  next_attempt_at INTEGER,
  attempts        INTEGER NOT NULL DEFAULT 0,
  first_sent_at   INTEGER,
  -- Set when a person said "send it anyway" to an entry past its draft's freshness window.
  stale_confirmed INTEGER NOT NULL DEFAULT 0,
  remote_id       TEXT,
  remote_url      TEXT,
  -- The remote acknowledgement time (not the click), what the stopwatch reports.
  published_at    INTEGER,
  failure_code    TEXT,
  failure_reason  TEXT,
  retryable       INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      INTEGER NOT NULL,
  retracted_at    INTEGER
) STRICT;
CREATE INDEX outbox_entries_draft ON outbox_entries(draft_id);
CREATE INDEX outbox_entries_room ON outbox_entries(room_id, created_at);
-- The sender's question every tick: what is due now, in a room that is not frozen.
CREATE INDEX outbox_entries_pending ON outbox_entries(state, not_before)
  WHERE state IN ('queued', 'sending', 'unknown', 'retracting');

-- "Stop all publishing": while a row has no unfrozen_at, nothing of the room leaves.
CREATE TABLE outbox_freezes (
  id          INTEGER PRIMARY KEY,
  room_id     TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  frozen_at   INTEGER NOT NULL,
  frozen_by   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  unfrozen_at INTEGER,
  unfrozen_by TEXT
) STRICT;
CREATE INDEX outbox_freezes_room ON outbox_freezes(room_id, frozen_at);

-- Alt text per attached image (JSON { name: text }), asked for when an image is attached.
ALTER TABLE drafts ADD COLUMN media_alt TEXT NOT NULL DEFAULT '{}';
