import { defaultSettings, Settings } from '../../../shared/settings/settings';
import type { Db } from '../db/open-database';

const settingsKey = 'preferences';

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export function createSettingsStore(db: Db) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );

  const get = (): Settings => {
    const row = read.get(settingsKey);
    if (!row) return defaultSettings;
    // A value written by an older build may lack newer fields: fill them from the defaults.
    const parsed = Settings.safeParse({ ...defaultSettings, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : defaultSettings;
  };

  return {
    get,
    update(patch: Partial<Settings>): Settings {
      const next = { ...get(), ...patch };
      write.run(settingsKey, JSON.stringify(next));
      return next;
    },
  };
}
