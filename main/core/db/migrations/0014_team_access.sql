-- Team hosting: one-time invites and the sessions redeemed from them.
-- Only SHA-256 hashes of secrets are stored: a copied database (or a backup) holds no
-- usable invite or session.
CREATE TABLE team_invites (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL REFERENCES room_members(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  code_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  redeemed_at INTEGER,
  cancelled_at INTEGER
) STRICT;
CREATE INDEX team_invites_room ON team_invites(room_id, created_at);

CREATE TABLE team_sessions (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL REFERENCES room_members(id) ON DELETE CASCADE,
  device TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX team_sessions_room ON team_sessions(room_id, revoked_at);
