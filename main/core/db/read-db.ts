import Database from 'better-sqlite3';
import type { Db } from './open-database';

/** What reading needs of a connection. The main connection and a ReadDb both have it. */
export type ReadableDb = Pick<Db, 'prepare' | 'exec' | 'function' | 'transaction' | 'pragma'>;

declare const readOnly: unique symbol;

/**
 * A connection that can only read. A plain Db is not a ReadDb (the brand), and a ReadDb is
 * not a Db (it lacks most of its members), so code that takes one cannot be handed the
 * other by mistake; and the file is opened `readonly`, so SQLite itself refuses a write.
 * Read paths (column items, volume, membership, exports, the coming report) take it.
 */
export type ReadDb = ReadableDb & { readonly [readOnly]: true };

export interface ReadHandle {
  db: ReadDb;
  /** Closes the read connection; the main one stays open. */
  close(): void;
}

/**
 * A second, read-only connection on the main connection's file. In WAL mode it reads
 * alongside the writers (this process and the item-writer thread) and sees what they have
 * committed. An in-memory database (unit tests) is private to its connection and cannot be
 * opened twice: there the read handle is the main connection itself, so the same code runs
 * on both (writes through it are then refused by type only).
 */
export function openReadDb(main: Db): ReadHandle {
  if (main.memory) return { db: main as unknown as ReadDb, close: () => {} };
  const db = new Database(main.name, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    db: db as unknown as ReadDb,
    close: () => {
      if (db.open) db.close();
    },
  };
}
