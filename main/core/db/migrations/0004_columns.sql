-- Timeline columns (saved queries per room) and what the team marked on items.
CREATE TABLE columns (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  query TEXT NOT NULL DEFAULT '',
  -- JSON: { sources?, languages?, alliedOnly?, hasMedia?, minEngagement? }.
  filters TEXT NOT NULL DEFAULT '{}',
  paused INTEGER NOT NULL DEFAULT 0,
  -- "Clear": items published at or before this time are hidden from the column.
  cleared_through INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX columns_room ON columns(room_id, position);

CREATE TABLE item_states (
  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  starred INTEGER NOT NULL DEFAULT 0,
  handled INTEGER NOT NULL DEFAULT 0,
  assigned_to TEXT,
  noise INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX item_states_room ON item_states(room_id);

CREATE TABLE hidden_authors (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  author_handle TEXT NOT NULL,
  hidden_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, author_handle)
) STRICT;
