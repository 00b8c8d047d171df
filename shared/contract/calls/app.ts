import { z } from 'zod';
import { Settings, SettingsUpdateInput } from '../../settings/settings';
import { call, NoInput } from './define-call';

/** Whether the database can be written: a full disk pauses ingestion, and every window says so. */
export const StorageStatus = z.object({
  state: z.enum(['ok', 'full', 'failed']),
  since: z.number().int().nullable(),
  /** The English sentence, and its `faults.*` key and params for the UI's language. */
  message: z.string().nullable(),
  messageKey: z.string().nullable(),
  params: z.record(z.string(), z.string()),
});
export type StorageStatus = z.infer<typeof StorageStatus>;

export const AppInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'serve']),
  /** The host's data folder; null for a teammate (a path on someone else's laptop is not theirs). */
  dataDir: z.string().nullable(),
  storage: StorageStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCalls = {
  'app.info': call(NoInput, AppInfo),
  'settings.get': call(NoInput, Settings),
  'settings.update': call(SettingsUpdateInput, Settings),
};

export const appEvents = {
  'settings.changed': Settings,
  'storage.changed': StorageStatus,
};
