import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/open-database';

/**
 * A migrated store with one room (`room-1`) and the given feed sources, as main leaves it
 * before ingest starts: what the worker and writer thread tests poll into.
 */
export function prepareWorkerStore(
  prefix: string,
  sources: ReadonlyArray<readonly [id: string, label: string]>,
): { dir: string; db: Db } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = openDatabase(dir);
  db.prepare(
    `INSERT INTO rooms (id, name, starts_at, ends_at, time_zone, language, archived_at, created_at, updated_at)
     VALUES ('room-1', 'Finale', 0, 1, 'UTC', 'fr', NULL, 0, 0)`,
  ).run();
  const addSource = db.prepare(
    "INSERT INTO sources (id, room_id, kind, label, config, created_at, updated_at) VALUES (?, 'room-1', 'feed', ?, '{}', 0, 0)",
  );
  for (const [id, label] of sources) addSource.run(id, label);
  return { dir, db };
}
