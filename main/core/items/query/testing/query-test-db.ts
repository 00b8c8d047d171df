import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { registerStoreFunctions } from '../../../db/store-functions';
import { ensureMatchFunctions } from '../match-functions';

export type Db = Database.Database;
export const t0 = Date.UTC(2026, 6, 19, 20, 0, 0);

/**
 * An in-memory store with the tables the queries read (rooms, sources, items with FTS
 * and the query-speed and hashtag tables), two rooms and three sources: s1 and s2 (allied)
 * in r1, s3 in r2.
 */
export function openQueryTestDb(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  registerStoreFunctions(db);
  for (const name of [
    '0001_init.sql',
    '0002_sources_items.sql',
    '0007_query_speed.sql',
    '0010_item_hashtags.sql',
    '0015_feed_titles_and_health_notices.sql',
  ]) {
    db.exec(readFileSync(new URL(`../../../db/migrations/${name}`, import.meta.url), 'utf8'));
  }
  const room = db.prepare("INSERT INTO rooms VALUES (?, 'Finale', ?, ?, 'Europe/Paris', 'fr', NULL, ?, ?)");
  for (const id of ['r1', 'r2']) room.run(id, t0, t0 + 9e6, t0, t0);
  const source = db.prepare(
    "INSERT INTO sources (id, room_id, kind, label, config, allied, created_at, updated_at) VALUES (?, ?, 'feed', ?, '{}', ?, 0, 0)",
  );
  source.run('s1', 'r1', 'S1', 0);
  source.run('s2', 'r1', 'Allied', 1);
  source.run('s3', 'r2', 'Other room', 0);
  ensureMatchFunctions(db);
  return db;
}

export interface SeedItem {
  text: string;
  at: number;
  /** r1 unless said; the source defaults to the room's first (s1 in r1, s3 in r2). */
  room?: string;
  source?: string;
  author?: string;
  language?: string;
  media?: boolean;
  engagement?: number;
  duplicateOf?: number;
}

let seeded = 0;

/** Inserts one item as the writer would (published and fetched at `at`); returns its id. */
export function insertItem(db: Db, seed: SeedItem): number {
  seeded += 1;
  const result = db
    .prepare(
      `INSERT INTO items (room_id, source_id, ext_id, author_handle, text, language, published_at, fetched_at,
         engagement, has_media, duplicate_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      seed.room ?? 'r1',
      seed.source ?? (seed.room === 'r2' ? 's3' : 's1'),
      `seed-${seeded}`,
      seed.author ?? 'someone',
      seed.text,
      seed.language ?? 'fr',
      seed.at,
      seed.at,
      seed.engagement ?? 0,
      seed.media ? 1 : 0,
      seed.duplicateOf ?? null,
    );
  return Number(result.lastInsertRowid);
}
