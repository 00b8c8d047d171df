import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import { databaseFileName } from '../db/open-database';
import { backupFileName } from './backup-files';

/**
 * Makes a backup file the store of `dataDir`, before the core opens it (serve's --restore,
 * or the desktop app at start). A store already there is moved aside, never deleted, with
 * its WAL files. The file is checked to be a Riposte store SQLite can read first.
 */
export function restoreBackup(dataDir: string, file: string, now = Date.now()): { setAside: string | null } {
  let version: number;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(String(check));
      version = db.pragma('user_version', { simple: true }) as number;
      db.prepare('SELECT count(*) FROM rooms').get();
    } finally {
      db.close();
    }
  } catch (error) {
    throw new AppError('invalid_input', `${file} is not a Riposte backup SQLite can read: ${String(error)}`, {
      messageKey: 'errors.backup.unreadable',
    });
  }
  if (version < 1) {
    throw new AppError('invalid_input', `${file} is not a Riposte backup (no schema version).`, {
      messageKey: 'errors.backup.unreadable',
    });
  }
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, databaseFileName);
  let setAside: string | null = null;
  if (existsSync(target)) {
    setAside = join(dataDir, `before-restore-${backupFileName(now)}`);
    mkdirSync(setAside, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, join(setAside, databaseFileName + suffix));
    }
  }
  copyFileSync(file, target);
  return { setAside };
}
