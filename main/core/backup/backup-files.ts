import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Other parts of the app (a restore offer when the store is damaged) look for exactly this. */
export const backupFilePattern = /^riposte-backup-(\d{8})-(\d{6})\.sqlite$/;
export const backupsFolderName = 'backups';

const two = (n: number) => String(n).padStart(2, '0');

/** riposte-backup-YYYYMMDD-HHMMSS.sqlite, in UTC so names sort in time order on every machine. */
export function backupFileName(at: number): string {
  const d = new Date(at);
  const date = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return `riposte-backup-${date}-${time}.sqlite`;
}

export interface BackupOnDisk {
  fileName: string;
  path: string;
  bytes: number;
  at: number;
}

/** The backups in `folder`, newest first (an absent folder has none). */
export function backupsIn(folder: string): BackupOnDisk[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => backupFilePattern.test(name))
    .sort()
    .reverse()
    .flatMap((fileName) => {
      const path = join(folder, fileName);
      try {
        const stat = statSync(path);
        return [{ fileName, path, bytes: stat.size, at: stat.mtimeMs }];
      } catch {
        return [];
      }
    });
}

/** Keeps the newest `keep` backups of `folder`; other files there are never touched. */
export function pruneBackups(folder: string, keep: number): void {
  for (const old of backupsIn(folder).slice(keep)) rmSync(old.path, { force: true });
}
