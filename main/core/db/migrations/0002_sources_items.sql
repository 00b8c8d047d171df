-- Sources a room polls or streams, their health, and the items taken in.
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('feed', 'mastodon', 'bluesky', 'reddit', 'replay')),
  label TEXT NOT NULL,
  -- JSON, never secrets (those live in the secrets store, by source id).
  config TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
  allied INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Health, shown in the UI.
  state TEXT NOT NULL DEFAULT 'idle' CHECK (state IN ('idle', 'ok', 'error', 'offline', 'backoff', 'paused')),
  last_fetch_at INTEGER,
  next_poll_at INTEGER,
  items_taken INTEGER NOT NULL DEFAULT 0,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  -- Poller memory: HTTP validators and stream / pagination cursors.
  etag TEXT,
  last_modified TEXT,
  cursor TEXT
) STRICT;
CREATE INDEX sources_room ON sources(room_id);

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  ext_id TEXT NOT NULL,
  url TEXT,
  canonical_url TEXT,
  author_handle TEXT,
  author_name TEXT,
  text TEXT NOT NULL,
  html TEXT,
  language TEXT,
  published_at INTEGER NOT NULL,
  fetched_at INTEGER NOT NULL,
  likes INTEGER,
  reposts INTEGER,
  replies INTEGER,
  -- likes + reposts + replies, for the "minimum engagement" column filter.
  engagement INTEGER NOT NULL DEFAULT 0,
  -- JSON array of media URLs.
  media TEXT,
  has_media INTEGER NOT NULL DEFAULT 0,
  duplicate_of INTEGER REFERENCES items(id) ON DELETE SET NULL,
  UNIQUE (source_id, ext_id)
) STRICT;
CREATE INDEX items_room_published ON items(room_id, published_at DESC, id DESC);
CREATE INDEX items_room_canonical ON items(room_id, canonical_url) WHERE canonical_url IS NOT NULL;

CREATE VIRTUAL TABLE items_fts USING fts5(
  text, author_handle, author_name,
  content = 'items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, text, author_handle, author_name)
  VALUES (new.id, new.text, new.author_handle, new.author_name);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, text, author_handle, author_name)
  VALUES ('delete', old.id, old.text, old.author_handle, old.author_name);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF text, author_handle, author_name ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, text, author_handle, author_name)
  VALUES ('delete', old.id, old.text, old.author_handle, old.author_name);
  INSERT INTO items_fts(rowid, text, author_handle, author_name)
  VALUES (new.id, new.text, new.author_handle, new.author_name);
END;
