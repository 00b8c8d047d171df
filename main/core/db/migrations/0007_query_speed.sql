-- Column query speed (see main/core/items/query/):
-- 1. items_fts gets prefix indexes for 2- and 3-letter stems, so short `ar*` queries read
--    one doclist instead of merging every word that starts with them.
-- 2. A narrow (id, room_id, published_at) index: histograms and chunked FTS walks map FTS
--    rowids to room and time without reading the wide items rows.
-- 3. Items per room, minute and source, kept by triggers, for the unfiltered histogram.
-- 4. Per room and block of 1024 item ids, bounds on published_at, kept by triggers: the
--    newest-first FTS walk visits blocks by their newest item and stops once no unvisited
--    block can hold an item newer than the ones it has (backfills and late items included).

DROP TRIGGER items_fts_insert;
DROP TRIGGER items_fts_delete;
DROP TRIGGER items_fts_update;
DROP TABLE items_fts;

CREATE VIRTUAL TABLE items_fts USING fts5(
  text, author_handle, author_name,
  content = 'items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, text, author_handle, author_name)
  VALUES (new.id, new.text, new.author_handle, new.author_name);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, text, author_handle, author_name)
  VALUES ('delete', old.id, old.text, old.author_handle, old.author_name);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF text, author_handle, author_name ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, text, author_handle, author_name)
  VALUES ('delete', old.id, old.text, old.author_handle, old.author_name);
  INSERT INTO items_fts(rowid, text, author_handle, author_name)
  VALUES (new.id, new.text, new.author_handle, new.author_name);
END;
INSERT INTO items_fts(items_fts) VALUES ('rebuild');

CREATE INDEX items_id_time ON items(id, room_id, published_at);

-- minute = published_at - published_at % 60000, the bucket volume-per-minute.ts uses.
-- Rows whose count falls to 0 are removed, so a minute with no item has no row.
CREATE TABLE item_minute_counts (
  room_id TEXT NOT NULL,
  minute INTEGER NOT NULL,
  source_id TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (room_id, minute, source_id)
) STRICT, WITHOUT ROWID;

INSERT INTO item_minute_counts (room_id, minute, source_id, count)
SELECT room_id, published_at - published_at % 60000, source_id, count(*)
FROM items GROUP BY 1, 2, 3;

CREATE TRIGGER items_minute_count_insert AFTER INSERT ON items BEGIN
  INSERT INTO item_minute_counts (room_id, minute, source_id, count)
  VALUES (new.room_id, new.published_at - new.published_at % 60000, new.source_id, 1)
  ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER items_minute_count_delete AFTER DELETE ON items BEGIN
  UPDATE item_minute_counts SET count = count - 1
  WHERE room_id = old.room_id AND minute = old.published_at - old.published_at % 60000 AND source_id = old.source_id;
  DELETE FROM item_minute_counts
  WHERE room_id = old.room_id AND minute = old.published_at - old.published_at % 60000 AND source_id = old.source_id
    AND count <= 0;
END;
CREATE TRIGGER items_minute_count_update AFTER UPDATE OF room_id, source_id, published_at ON items
WHEN old.room_id IS NOT new.room_id OR old.source_id IS NOT new.source_id OR old.published_at IS NOT new.published_at
BEGIN
  UPDATE item_minute_counts SET count = count - 1
  WHERE room_id = old.room_id AND minute = old.published_at - old.published_at % 60000 AND source_id = old.source_id;
  DELETE FROM item_minute_counts
  WHERE room_id = old.room_id AND minute = old.published_at - old.published_at % 60000 AND source_id = old.source_id
    AND count <= 0;
  INSERT INTO item_minute_counts (room_id, minute, source_id, count)
  VALUES (new.room_id, new.published_at - new.published_at % 60000, new.source_id, 1)
  ON CONFLICT DO UPDATE SET count = count + 1;
END;

-- Bounds only ever widen (a delete leaves them as they were), so they stay true bounds:
-- the walk may visit a block for nothing, never skip one it needed.
CREATE TABLE item_id_blocks (
  room_id TEXT NOT NULL,
  block INTEGER NOT NULL,
  min_published INTEGER NOT NULL,
  max_published INTEGER NOT NULL,
  PRIMARY KEY (room_id, block)
) STRICT, WITHOUT ROWID;

INSERT INTO item_id_blocks (room_id, block, min_published, max_published)
SELECT room_id, id >> 10, min(published_at), max(published_at)
FROM items GROUP BY 1, 2;

CREATE TRIGGER items_id_block_insert AFTER INSERT ON items BEGIN
  INSERT INTO item_id_blocks (room_id, block, min_published, max_published)
  VALUES (new.room_id, new.id >> 10, new.published_at, new.published_at)
  ON CONFLICT DO UPDATE SET
    min_published = min(min_published, excluded.min_published),
    max_published = max(max_published, excluded.max_published);
END;
CREATE TRIGGER items_id_block_update AFTER UPDATE OF room_id, published_at ON items
WHEN old.room_id IS NOT new.room_id OR old.published_at IS NOT new.published_at
BEGIN
  INSERT INTO item_id_blocks (room_id, block, min_published, max_published)
  VALUES (new.room_id, new.id >> 10, new.published_at, new.published_at)
  ON CONFLICT DO UPDATE SET
    min_published = min(min_published, excluded.min_published),
    max_published = max(max_published, excluded.max_published);
END;
