import Database from 'better-sqlite3';
import { join } from 'node:path';
import { backupsFolderName, backupsIn, type BackupOnDisk } from '../backup/backup-files';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';

/** SQLite's words for a file it cannot trust. */
const damageCodes = /^SQLITE_(CORRUPT|NOTADB)/;

export function isDamage(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && damageCodes.test(code);
}

/** `quick_check` at start: O(pages) but no index cross-check, so a large store opens in seconds. */
export function quickCheck(db: Db): string {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  return rows.map((row) => row.quick_check).join('; ');
}

/** The newest backup in <dataDir>/backups that passes a full `integrity_check`, or null when none does. */
export function latestGoodBackup(dataDir: string): BackupOnDisk | null {
  for (const backup of backupsIn(join(dataDir, backupsFolderName))) {
    try {
      const copy = new Database(backup.path, { readonly: true, fileMustExist: true });
      try {
        if (copy.pragma('integrity_check', { simple: true }) === 'ok') return backup;
      } finally {
        copy.close();
      }
    } catch {
      // Unreadable: try the one before.
    }
  }
  return null;
}

/** A store that fails its check at start: what the shells show, with the backup to offer. */
export class DamagedStoreError extends AppError {
  constructor(
    readonly dataDir: string,
    readonly detail: string,
    readonly backup: BackupOnDisk | null,
  ) {
    const at = backup ? new Date(backup.at).toISOString() : '';
    super(
      'unavailable',
      backup
        ? `Riposte's database in ${dataDir} is damaged (${detail}). The latest good backup is ${backup.path} (${at}): restore it (serve: --restore ${backup.path}); the damaged file is kept aside.`
        : `Riposte's database in ${dataDir} is damaged (${detail}) and no backup passes its check. Move the data directory aside and start again, or restore a backup you keep elsewhere with --restore FILE.`,
      {
        messageKey: backup ? 'errors.faults.damaged' : 'errors.faults.damagedNoBackup',
        params: { dataDir, detail, backup: backup?.path ?? '', at },
      },
    );
  }
}
