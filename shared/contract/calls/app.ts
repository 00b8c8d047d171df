import { z } from 'zod';
import { Settings, SettingsUpdateInput } from '../../settings/settings';
import { call, NoInput } from './define-call';

export const AppInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'serve']),
  /** The host's data folder; null for a teammate (a path on someone else's laptop is not theirs). */
  dataDir: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCalls = {
  'app.info': call(NoInput, AppInfo),
  'settings.get': call(NoInput, Settings),
  'settings.update': call(SettingsUpdateInput, Settings),
};

export const appEvents = {
  'settings.changed': Settings,
};
