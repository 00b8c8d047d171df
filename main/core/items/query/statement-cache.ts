import type { Statement } from 'better-sqlite3';
import type { ReadableDb } from '../../db/read-db';

/**
 * Query SQL depends on the shape of a column query, so statements are prepared on first
 * use and kept per connection (a few hundred shapes at most; the oldest is dropped).
 */
const maxStatements = 256;
const caches = new WeakMap<ReadableDb, Map<string, Statement>>();

export function cachedStatement(db: ReadableDb, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const found = cache.get(sql);
  if (found) {
    cache.delete(sql);
    cache.set(sql, found);
    return found;
  }
  const statement = db.prepare(sql);
  cache.set(sql, statement);
  if (cache.size > maxStatements) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return statement;
}
