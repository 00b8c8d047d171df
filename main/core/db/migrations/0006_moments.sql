-- Moments (detected spikes and emerging terms, manual notes, cues that came due) and each
-- room's run-of-show.
CREATE TABLE moments (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('spike', 'emerging', 'manual', 'scheduled')),
  -- The rising word or hashtag ('emerging'), null for room-wide spikes and notes.
  term TEXT,
  column_id TEXT,
  note TEXT,
  onset_at INTEGER NOT NULL,
  detected_at INTEGER NOT NULL,
  peak_at INTEGER,
  peak_count INTEGER,
  baseline REAL,
  -- JSON array of item ids, newest first, at most a handful.
  sample_ids TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed', 'dismissed', 'merged')),
  merged_into TEXT REFERENCES moments(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX moments_room ON moments(room_id, detected_at DESC);

CREATE TABLE cues (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  at INTEGER NOT NULL,
  -- The scheduled moment logged when the cue came due (once).
  moment_id TEXT REFERENCES moments(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX cues_room ON cues(room_id, at);
