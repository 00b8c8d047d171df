import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { AppError } from '../errors';
import { registerStoreFunctions } from './store-functions';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every `NNNN_name.sql` beside this file: inlined by Vite in the app build and in tests;
 * read from disk when the source runs without Vite (benchmarks under tsx), where
 * `import.meta.env` does not exist.
 */
const bundled: Record<string, string> | undefined = import.meta.env
  ? import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true })
  : undefined;

function readMigrationFolder(): Record<string, string> {
  const folder = new URL('./migrations/', import.meta.url);
  return Object.fromEntries(
    readdirSync(folder)
      .filter((file) => file.endsWith('.sql'))
      .map((file) => [`./migrations/${file}`, readFileSync(new URL(file, folder), 'utf8')]),
  );
}

export function bundledMigrations(): Migration[] {
  return parseMigrationFiles(bundled ?? readMigrationFolder());
}

export function parseMigrationFiles(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([path, sql]) => {
    const match = /(\d{4})_([\w-]+)\.sql$/.exec(path);
    if (!match?.[1] || !match[2]) throw new Error(`Migration file name must be NNNN_name.sql: ${path}`);
    return { version: Number(match[1]), name: match[2], sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1..n without gaps; found ${migration.version} at ${index + 1}`);
    }
  });
  return migrations;
}

/**
 * Brings the database up to the newest version. Versions only go up; each migration runs
 * with its `user_version` bump in one transaction, so a crash leaves the previous version
 * intact. A database written by a newer Riposte is refused rather than misread.
 * Registers the SQL functions the schema calls (store-functions.ts) on this connection
 * first: migrations use them, and so do the triggers on every later write.
 */
export function migrate(db: Database.Database, migrations: Migration[] = bundledMigrations()): number {
  registerStoreFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new AppError(
      'database_too_new',
      `This data was written by a newer version of Riposte (database version ${current}, this app knows up to ${latest}). Update Riposte, or start it with another data directory.`,
      { messageKey: 'errors.databaseTooNew' },
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    if (rebuildsTables(migration)) withoutForeignKeys(db, () => apply(db, migration, true));
    else apply(db, migration, false);
  }
  return latest;
}

/**
 * A migration that starts with `-- foreign_keys: off` rebuilds a table (SQLite cannot
 * change a CHECK or a column in place). Dropping the old table with foreign keys on would
 * fire ON DELETE actions on every row pointing at it, so SQLite's procedure turns them off
 * around the transaction (the pragma is ignored inside one) and checks them before commit.
 */
const rebuildsTables = (migration: Migration): boolean => /^--\s*foreign_keys:\s*off\b/u.test(migration.sql);

function apply(db: Database.Database, migration: Migration, checkForeignKeys: boolean): void {
  db.transaction(() => {
    db.exec(migration.sql);
    if (checkForeignKeys) {
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new Error(`Migration ${migration.version} (${migration.name}) left ${broken.length} broken references`);
      }
    }
    db.pragma(`user_version = ${migration.version}`);
  })();
}

function withoutForeignKeys(db: Database.Database, run: () => void): void {
  const wasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (wasOn) db.pragma('foreign_keys = OFF');
  try {
    run();
  } finally {
    if (wasOn) db.pragma('foreign_keys = ON');
  }
}
