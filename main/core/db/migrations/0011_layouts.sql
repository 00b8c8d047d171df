-- How each person arranged each room (panel sizes, column widths, wall-screen mode).
-- person: a member id, or '' for whoever is at the keyboard before picking themselves.
-- Not a foreign key to room_members: a removed member's arrangement is simply never read.
CREATE TABLE layouts (
  room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  person TEXT NOT NULL,
  layout TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, person)
) STRICT, WITHOUT ROWID;
