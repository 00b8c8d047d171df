import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, type Migration } from './migrate';

export type Db = Database.Database;

export const databaseFileName = 'riposte.sqlite';

/** Opens (creating if needed) the one SQLite file of a data directory and migrates it. */
export function openDatabase(dataDir: string, migrations?: Migration[]): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, databaseFileName));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
