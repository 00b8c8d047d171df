-- foreign_keys: off
-- Watch alerts. A column may carry a rule (JSON: alert from `minPosts` matches within
-- `withinMinutes`), and a moment may be a 'watch' alert. SQLite cannot change a CHECK in
-- place, so moments is rebuilt with SQLite's documented procedure: foreign keys are off
-- while it runs (cues and merged moments keep pointing at the same ids), and the runner
-- checks them before it commits.
ALTER TABLE columns ADD COLUMN alert TEXT;

CREATE TABLE moments_rebuilt (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('spike', 'emerging', 'manual', 'scheduled', 'watch')),
  -- The rising word or hashtag ('emerging'), null for spikes, watch alerts and notes.
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
INSERT INTO moments_rebuilt (id, room_id, kind, term, column_id, note, onset_at, detected_at, peak_at, peak_count,
    baseline, sample_ids, status, merged_into, created_at, updated_at)
  SELECT id, room_id, kind, term, column_id, note, onset_at, detected_at, peak_at, peak_count,
    baseline, sample_ids, status, merged_into, created_at, updated_at FROM moments;
DROP TABLE moments;
ALTER TABLE moments_rebuilt RENAME TO moments;
CREATE INDEX moments_room ON moments(room_id, detected_at DESC);
