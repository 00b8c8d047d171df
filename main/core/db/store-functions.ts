import type Database from 'better-sqlite3';
import { hashtagsOf } from '../../../shared/domain/hashtags';

/**
 * SQL functions the schema itself calls (triggers, migrations), so every connection that
 * writes items must have them: migrate() registers them, and a connection without them
 * fails to insert items rather than leave an index behind.
 *
 * - riposte_hashtags(text): the folded hashtags of an item's text as a JSON array, for the
 *   item_hashtags triggers and backfill (migration 0010). Deterministic: one text, one answer.
 * - riposte_hashtag_trigger_on(): 0 while this connection writes item_hashtags rows itself
 *   (withOwnHashtagRows), else 1.
 */
export const hashtagsFunction = 'riposte_hashtags';
export const hashtagTriggerFunction = 'riposte_hashtag_trigger_on';

const registered = new WeakSet<Database.Database>();
const writingOwnRows = new WeakSet<Database.Database>();

export function registerStoreFunctions(db: Database.Database): void {
  if (registered.has(db)) return;
  db.function(hashtagsFunction, { deterministic: true }, (text: unknown) =>
    JSON.stringify(typeof text === 'string' ? hashtagsOf(text) : []),
  );
  db.function(hashtagTriggerFunction, () => (writingOwnRows.has(db) ? 0 : 1));
  registered.add(db);
}

/**
 * Runs `write` with the item_hashtags insert trigger off on this connection: every item
 * `write` inserts must get its rows from it (see items/hashtag-rows.ts). The item writer
 * does so: a row inserted from JS costs about a third of one inserted by the trigger.
 */
export function withOwnHashtagRows<T>(db: Database.Database, write: () => T): T {
  if (writingOwnRows.has(db)) return write();
  writingOwnRows.add(db);
  try {
    return write();
  } finally {
    writingOwnRows.delete(db);
  }
}
