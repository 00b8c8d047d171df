-- Credentials (access tokens, app passwords), encrypted with AES-256-GCM under a key
-- the shell protects (Electron safeStorage, or a 0600 key file in serve mode).
CREATE TABLE secrets (
  owner_id TEXT PRIMARY KEY,
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  tag BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
