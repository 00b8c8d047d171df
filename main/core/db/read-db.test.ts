import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { openReadDb, type ReadDb, type ReadHandle } from './read-db';

describe('the read-only connection', () => {
  const opened: Array<{ close(): void }> = [];
  afterEach(() => {
    for (const handle of opened.splice(0).reverse()) handle.close();
  });

  function open(): { main: Database.Database; read: ReadHandle } {
    const dir = mkdtempSync(join(tmpdir(), 'riposte-test-'));
    const main = openDatabase(dir);
    const read = openReadDb(main);
    opened.push({ close: () => rmSync(dir, { recursive: true, force: true }) }, main, read);
    return { main, read };
  }

  it('refuses writes at the SQLite level', () => {
    const { read } = open();
    expect(() => read.db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run()).toThrow(/readonly/i);
    expect(() => read.db.exec('CREATE TABLE nope (a INTEGER)')).toThrow(/readonly/i);
  });

  it('sees what the main connection and another writer have committed', () => {
    const { main, read } = open();
    main.exec('CREATE TABLE t (a INTEGER) STRICT');
    main.prepare('INSERT INTO t (a) VALUES (1)').run();
    const count = read.db.prepare('SELECT count(*) FROM t').pluck();
    expect(count.get()).toBe(1);
    // Another connection on the file, as the item-writer thread has.
    const other = new Database(join(main.name, '..', 'riposte.sqlite'));
    other.prepare('INSERT INTO t (a) VALUES (2)').run();
    other.close();
    expect(count.get()).toBe(2);
  });

  it('falls back to the same connection for an in-memory database', () => {
    const memory = new Database(':memory:');
    const read = openReadDb(memory);
    expect(read.db).toBe(memory as unknown);
    read.close();
    expect(memory.open).toBe(true);
    memory.close();
  });

  it('is a type of its own', () => {
    const { main, read } = open();
    const reads = (db: ReadDb) => db.prepare('SELECT 1').pluck().get();
    const writes = (db: Database.Database) => db.prepare('SELECT 1').pluck().get();
    expect(reads(read.db)).toBe(1);
    // @ts-expect-error a writing connection is not a ReadDb
    expect(reads(main)).toBe(1);
    // @ts-expect-error a ReadDb cannot be given to code that takes a writing connection
    expect(() => writes(read.db)).not.toThrow();
  });
});
