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

  describe('a migration that rebuilds a table', () => {
    const parents: Migration = {
      version: 1,
      name: 'parents',
      sql: `CREATE TABLE parents (id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a'))) STRICT;
            CREATE TABLE children (id INTEGER PRIMARY KEY, parent TEXT REFERENCES parents(id) ON DELETE SET NULL) STRICT;`,
    };
    const widenKinds = (version: number, extra = ''): Migration => ({
      version,
      name: 'widen',
      sql: `-- foreign_keys: off
            CREATE TABLE parents_rebuilt (id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a', 'b'))) STRICT;
            INSERT INTO parents_rebuilt SELECT id, kind FROM parents;
            DROP TABLE parents;
            ALTER TABLE parents_rebuilt RENAME TO parents;
            ${extra}`,
    });
    const seeded = () => {
      const db = memory();
      db.pragma('foreign_keys = ON');
      migrate(db, [parents]);
      db.prepare("INSERT INTO parents VALUES ('p1', 'a')").run();
      db.prepare("INSERT INTO children VALUES (1, 'p1')").run();
      return db;
    };

    it('keeps the rows that point at it, and turns foreign keys back on', () => {
      const db = seeded();
      migrate(db, [parents, widenKinds(2)]);
      expect(db.prepare('SELECT parent FROM children').all()).toEqual([{ parent: 'p1' }]);
      db.prepare("INSERT INTO parents VALUES ('p2', 'b')").run();
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => db.prepare("INSERT INTO children VALUES (2, 'nobody')").run()).toThrow(/FOREIGN KEY/);
    });

    it('rolls back whole when it leaves a reference broken', () => {
      const db = seeded();
      const breaking = widenKinds(2, "DELETE FROM parents WHERE id = 'p1';");
      expect(() => migrate(db, [parents, breaking])).toThrow(/broken references/);
      expect(userVersion(db)).toBe(1);
      expect(db.prepare('SELECT id FROM parents').all()).toEqual([{ id: 'p1' }]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    });
  });

  it('keeps cues and merges pointing at their moments when moments gain the watch kind', () => {
    const db = memory();
    db.pragma('foreign_keys = ON');
    const all = bundledMigrations();
    const watch = all.find((migration) => migration.name === 'column_watch');
    // The store as it was just before that migration (later ones come after it).
    const before = all.filter((migration) => migration.version < (watch?.version ?? 0));
    expect(before).toHaveLength(all.findIndex((migration) => migration.name === 'column_watch'));
    migrate(db, before);
    db.prepare(
      "INSERT INTO rooms (id, name, starts_at, ends_at, time_zone, language, created_at, updated_at) VALUES ('r', 'Finale', 0, 1, 'UTC', 'fr', 0, 0)",
    ).run();
    const moment = db.prepare(
      `INSERT INTO moments (id, room_id, kind, onset_at, detected_at, status, merged_into, created_at, updated_at)
       VALUES (?, 'r', ?, 0, 0, ?, ?, 0, 0)`,
    );
    moment.run('m1', 'scheduled', 'new', null);
    moment.run('m2', 'spike', 'merged', 'm1');
    db.prepare(
      "INSERT INTO cues (id, room_id, label, at, moment_id, created_at, updated_at) VALUES ('c', 'r', 'Kick-off', 0, 'm1', 0, 0)",
    ).run();
    expect(() => moment.run('m3', 'watch', 'new', null)).toThrow(/CHECK/);

    migrate(db, all);
    expect(db.prepare('SELECT moment_id FROM cues').get()).toEqual({ moment_id: 'm1' });
    expect(db.prepare("SELECT merged_into FROM moments WHERE id = 'm2'").get()).toEqual({ merged_into: 'm1' });
    moment.run('m3', 'watch', 'new', null);
    db.prepare("DELETE FROM moments WHERE id = 'm1'").run();
    expect(db.prepare('SELECT moment_id FROM cues').get()).toEqual({ moment_id: null });
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
