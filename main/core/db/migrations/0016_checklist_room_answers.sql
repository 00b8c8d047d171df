-- The checklist split (issue 18): the room-level questions (our pillars, our voice, the tie
-- to strategy, riding the wave) are answered once per room before the event and carried on
-- every draft. One JSON document per room: { itemId: { value, note?, by, at } }.
CREATE TABLE checklist_room_answers (
  room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  answers TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
