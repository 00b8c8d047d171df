import Database from 'better-sqlite3';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { BackupFile, BackupSettings } from '../../../shared/contract/calls/backups';
import type { Db } from '../db/open-database';
import { registerStoreFunctions } from '../db/store-functions';
import { keyedError } from '../errors';
import type { Logger } from '../log/rotating-log';
import { backupFileName, backupsFolderName, backupsIn, pruneBackups } from './backup-files';

export const backupIntervalMs = 5 * 60_000;
export const backupsKept = 12;
const settingsKey = 'backups';

export type BackupService = ReturnType<typeof createBackupService>;

/**
 * Copies of the store made with SQLite's online backup (pages copied in steps while the
 * app keeps writing; never a copy of the live file). Each goes to <dataDir>/backups and to
 * the second folder the lead picked; both keep the newest 12.
 */
export function createBackupService(deps: { db: Db; dataDir: string; now: () => number; log: Logger }) {
  const { db, dataDir, now, log } = deps;
  const home = join(dataDir, backupsFolderName);
  const readSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const writeSetting = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  let last: BackupFile | null = null;
  let lastError: string | null = null;
  let running: Promise<BackupFile> | null = null;

  const folder = (): string | null => {
    const row = readSetting.get(settingsKey);
    if (!row) return null;
    const value = (JSON.parse(row.value) as { folder?: unknown }).folder;
    return typeof value === 'string' ? value : null;
  };

  /** In the copy only: keep one room, and no invite or session (a restored room re-issues invites). */
  const trimCopy = (path: string, roomId: string | null) => {
    const copy = new Database(path);
    try {
      registerStoreFunctions(copy);
      copy.pragma('foreign_keys = ON');
      copy.transaction(() => {
        if (roomId !== null) copy.prepare('DELETE FROM rooms WHERE id <> ?').run(roomId);
        copy.exec('DELETE FROM team_sessions; DELETE FROM team_invites;');
      })();
      // One self-contained file: no -wal beside it.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  };

  const make = async (roomId: string | null): Promise<BackupFile> => {
    const at = now();
    const fileName = backupFileName(at);
    await mkdir(home, { recursive: true });
    const partial = join(home, `.partial-${fileName}`);
    await rm(partial, { force: true });
    await db.backup(partial);
    trimCopy(partial, roomId);
    const inHome = join(home, fileName);
    await rename(partial, inHome);
    const paths = [inHome];
    pruneBackups(home, backupsKept);
    const second = folder();
    if (second) {
      await mkdir(second, { recursive: true });
      const there = join(second, fileName);
      await copyFile(inHome, there);
      paths.push(there);
      pruneBackups(second, backupsKept);
    }
    const made: BackupFile = { fileName, paths, bytes: (await stat(inHome)).size, at, roomId };
    last = made;
    lastError = null;
    log.info('Backup written', { paths, roomId });
    return made;
  };

  /** One backup at a time: a timer firing during a hand-made one waits for it. */
  const create = async (roomId: string | null): Promise<BackupFile> => {
    while (running) await running.catch(() => undefined);
    running = make(roomId);
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  let timer: NodeJS.Timeout | null = null;
  return {
    create,
    list: (): BackupFile[] => {
      const second = folder();
      const seen = new Map<string, BackupFile>();
      for (const dir of second ? [home, second] : [home]) {
        for (const file of backupsIn(dir)) {
          const known = seen.get(file.fileName);
          if (known) known.paths.push(file.path);
          else
            seen.set(file.fileName, {
              fileName: file.fileName,
              paths: [file.path],
              bytes: file.bytes,
              at: file.at,
              roomId: null,
            });
        }
      }
      return [...seen.values()].sort((a, b) => b.fileName.localeCompare(a.fileName));
    },
    settings: (): BackupSettings => ({
      folder: folder(),
      automatic: folder() !== null,
      intervalMinutes: backupIntervalMs / 60_000,
      keep: backupsKept,
      last,
      lastError,
    }),
    async setFolder(next: string | null): Promise<void> {
      if (next !== null) {
        if (!isAbsolute(next)) {
          throw keyedError(
            'invalid_input',
            'errors.backup.folderNotAbsolute',
            'Give the full path of the backup folder.',
            {
              field: 'folder',
            },
          );
        }
        try {
          await mkdir(next, { recursive: true });
        } catch (error) {
          throw keyedError(
            'invalid_input',
            'errors.backup.folderUnusable',
            `Riposte cannot write in ${next}: ${String(error)}`,
            {
              field: 'folder',
              params: { folder: next },
            },
          );
        }
      }
      writeSetting.run(settingsKey, JSON.stringify({ folder: next }));
    },
    /** Every `intervalMs`, a whole-store backup, once a lead has picked a second folder. */
    start(intervalMs = backupIntervalMs) {
      timer = setInterval(() => {
        if (!folder()) return;
        create(null).catch((error: unknown) => {
          lastError = String(error);
          log.warn('Automatic backup failed', { error });
        });
      }, intervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}
