-- Feeds (issue: feeds as the real web writes them):
-- 1. An item's headline, shown above its body. `text` already starts with it, so the FTS
--    index and the hashtag rows need nothing new: search and highlight cover both.
-- 2. What a source's last readable poll had to say besides its items (a feed recovered from
--    malformed XML, an encoding guessed): a JSON array of {key, params}, for the health line.
-- 3. The Sources panel pages a room's sources in creation order.
ALTER TABLE items ADD COLUMN title TEXT;
ALTER TABLE sources ADD COLUMN health_notices TEXT;
CREATE INDEX sources_room_created ON sources(room_id, created_at, id);
