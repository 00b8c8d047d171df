import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { tempDir } from '../testing/temp-core';
import { bundledMigrations, migrate, parseMigrationFiles, type Migration } from './migrate';
import { openDatabase } from './open-database';

const v1: Migration = {
  version: 1,
  name: 'init',
  sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;',
};
const v2: Migration = { version: 2, name: 'tags', sql: 'ALTER TABLE notes ADD COLUMN tag TEXT;' };
const broken: Migration = {
  version: 3,
  name: 'broken',
  sql: 'ALTER TABLE notes ADD COLUMN other TEXT; SELECT * FROM nowhere;',
};

let dbs: Database.Database[] = [];
const memory = () => {
  const db = new Database(':memory:');
  dbs.push(db);
  return db;
};
afterEach(() => {
  dbs.forEach((db) => db.close());
  dbs = [];
});

const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true });
const columns = (db: Database.Database) =>
  (db.prepare("SELECT name FROM pragma_table_info('notes')").all() as { name: string }[]).map((c) => c.name);

describe('migration runner', () => {
  it('builds a fresh database to the latest version', () => {
    const db = memory();
    expect(migrate(db, [v1, v2])).toBe(2);
    expect(userVersion(db)).toBe(2);
    expect(columns(db)).toEqual(['id', 'body', 'tag']);
  });

  it('upgrades an older database and keeps its data', () => {
    const db = memory();
    migrate(db, [v1]);
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('kept');
    migrate(db, [v1, v2]);
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT body, tag FROM notes').all()).toEqual([{ body: 'kept', tag: null }]);
  });

  it('rolls a failing migration back whole, leaving the previous version', () => {
    const db = memory();
    migrate(db, [v1, v2]);
    expect(() => migrate(db, [v1, v2, broken])).toThrow(/nowhere/);
    expect(userVersion(db)).toBe(2);
    expect(columns(db)).not.toContain('other');
  });

  it('refuses a database written by a newer version, with a clear error', () => {
    const db = memory();
    migrate(db, [v1, v2]);
    let caught: unknown;
    try {
      migrate(db, [v1]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('database_too_new');
    expect((caught as AppError).message).toMatch(/newer version of Riposte/);
    expect(userVersion(db)).toBe(2);
  });

  it('insists on numbered files without gaps', () => {
    expect(() => parseMigrationFiles({ './migrations/0002_x.sql': '' })).toThrow(/without gaps/);
    expect(() => parseMigrationFiles({ './migrations/init.sql': '' })).toThrow(/NNNN_name/);
  });

  it('opens the real store with WAL, foreign keys and the bundled migrations', () => {
    const dir = tempDir();
    try {
      const db = openDatabase(dir.path);
      dbs.push(db);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(userVersion(db)).toBe(bundledMigrations().length);
    } finally {
      dir.dispose();
    }
  });
});
