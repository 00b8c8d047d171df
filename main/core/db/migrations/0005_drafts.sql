-- Drafts, their review, the room's team, playbook and checklist, and the audit trail.
-- JSON columns hold validated shapes from shared/ (policy, playbook, template, approvals).
CREATE TABLE room_members (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('lead', 'writer', 'approver', 'legal', 'analyst', 'observer')),
  created_at INTEGER NOT NULL,
  -- Removed members stay, so the audit trail and old drafts still name them.
  removed_at INTEGER
) STRICT;
CREATE INDEX room_members_room ON room_members(room_id, removed_at);

CREATE TABLE room_policies (
  room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  policy TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE room_playbooks (
  room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  playbook TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE checklist_templates (
  room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  template TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  networks TEXT NOT NULL,
  trigger_kind TEXT NOT NULL CHECK (trigger_kind IN ('item', 'moment', 'scratch', 'bank')),
  trigger_ref TEXT,
  author_id TEXT NOT NULL REFERENCES room_members(id),
  assignee_id TEXT REFERENCES room_members(id),
  state TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'published', 'rejected', 'expired')),
  -- Optimistic concurrency: every body save names the version it started from.
  version INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  scheduled_for INTEGER,
  approvals TEXT NOT NULL,
  override TEXT,
  -- Stopwatch.
  trigger_at INTEGER NOT NULL,
  first_edit_at INTEGER,
  submitted_at INTEGER,
  approved_at INTEGER,
  published_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX drafts_room ON drafts(room_id, state, expires_at);

CREATE TABLE draft_revisions (
  id INTEGER PRIMARY KEY,
  draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  member_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX draft_revisions_draft ON draft_revisions(draft_id, id);

CREATE TABLE draft_comments (
  id INTEGER PRIMARY KEY,
  draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX draft_comments_draft ON draft_comments(draft_id, id);

CREATE TABLE checklist_answers (
  draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL CHECK (value IN ('pass', 'fail', 'na')),
  note TEXT,
  member_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (draft_id, item_id)
) STRICT;

CREATE TABLE content_bank (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  networks TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK (valid_until > valid_from)
) STRICT;
CREATE INDEX content_bank_room ON content_bank(room_id, valid_until);

-- Append-only: no foreign key cascade reaches it and triggers refuse UPDATE and DELETE.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  room_id TEXT NOT NULL,
  draft_id TEXT,
  type TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  at INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT,
  detail TEXT NOT NULL,
  message_key TEXT NOT NULL,
  params TEXT NOT NULL,
  message TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_room ON audit_log(room_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
