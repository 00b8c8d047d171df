import { z } from 'zod';
import { call } from './define-call';
import { Id, RoomOnly } from './fields';

/** `riposte-backup-YYYYMMDD-HHMMSS.sqlite` (UTC), a whole SQLite store a fresh Riposte can open. */
export const BackupFile = z.object({
  fileName: z.string(),
  /** Where copies were written: the data directory's backups/ folder, then the lead's folder (empty for a teammate). */
  paths: z.array(z.string()),
  bytes: z.number(),
  at: z.number(),
  /** The one room kept in it, or null for the whole store. */
  roomId: z.string().nullable(),
});
export type BackupFile = z.infer<typeof BackupFile>;

export const BackupSettings = z.object({
  /** The second folder (a USB stick): automatic backups go there too. Null for a teammate (the host's disk). */
  folder: z.string().nullable(),
  /** Whether backups run every `intervalMinutes` (a second folder is set). */
  automatic: z.boolean(),
  intervalMinutes: z.number(),
  keep: z.number(),
  last: BackupFile.nullable(),
  /** Why the last automatic backup failed, if it did. */
  lastError: z.string().nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const backupCalls = {
  /** `scope: 'room'` keeps only this room in the file; 'store' is every room (the machine's own windows only). */
  'backups.create': call(z.object({ roomId: Id, scope: z.enum(['room', 'store']).default('room') }), BackupFile),
  'backups.list': call(RoomOnly, z.array(BackupFile)),
  'backups.settings': call(RoomOnly, BackupSettings),
  'backups.setFolder': call(
    z.object({ roomId: Id, folder: z.string().trim().min(1).max(1000).nullable() }),
    BackupSettings,
  ),
};
