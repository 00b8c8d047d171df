-- Hashtags indexed at write time, so SQL alone decides a `#tag` query (see
-- main/core/items/query/hashtag-sql.ts): FTS5's unicode61 tokenizer drops '#', so
-- items_fts only knows a hashtag as its word.
-- One row per item and folded tag (main/core/items/hashtags.ts says what a tag is), kept
-- by triggers through riposte_hashtags(text), which every connection registers before it
-- migrates (main/core/db/store-functions.ts). Only texts with a '#' call it. The item
-- writer inserts its items' rows itself, cheaper, with the insert trigger turned off
-- (riposte_hashtag_trigger_on() = 0) meanwhile.
-- The primary key serves the column queries: a tag's items in a room, newest first, and
-- per minute, without reading items; item_hashtags_item finds an item's rows on update
-- and delete.
CREATE TABLE item_hashtags (
  room_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  PRIMARY KEY (room_id, tag, published_at, item_id)
) STRICT, WITHOUT ROWID;

-- Existing items, in key order so the rows append; the item index is built after.
INSERT INTO item_hashtags (room_id, tag, published_at, item_id)
SELECT i.room_id, t.value, i.published_at, i.id
FROM items i, json_each(riposte_hashtags(i.text)) t
WHERE instr(i.text, '#') > 0
ORDER BY 1, 2, 3, 4;

CREATE INDEX item_hashtags_item ON item_hashtags(item_id);

CREATE TRIGGER items_hashtags_insert AFTER INSERT ON items
WHEN instr(new.text, '#') > 0 AND riposte_hashtag_trigger_on()
BEGIN
  INSERT INTO item_hashtags (room_id, tag, published_at, item_id)
  SELECT new.room_id, value, new.published_at, new.id FROM json_each(riposte_hashtags(new.text));
END;
-- An item without '#' never had rows.
CREATE TRIGGER items_hashtags_delete AFTER DELETE ON items WHEN instr(old.text, '#') > 0 BEGIN
  DELETE FROM item_hashtags WHERE item_id = old.id;
END;
CREATE TRIGGER items_hashtags_update AFTER UPDATE OF id, room_id, published_at, text ON items
WHEN (instr(old.text, '#') > 0 OR instr(new.text, '#') > 0)
  AND (old.id IS NOT new.id OR old.room_id IS NOT new.room_id OR old.published_at IS NOT new.published_at
    OR old.text IS NOT new.text)
BEGIN
  DELETE FROM item_hashtags WHERE item_id = old.id;
  INSERT INTO item_hashtags (room_id, tag, published_at, item_id)
  SELECT new.room_id, value, new.published_at, new.id FROM json_each(riposte_hashtags(new.text));
END;
