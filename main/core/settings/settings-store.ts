import { defaultSettings, Settings } from '../../../shared/settings/settings';
import type { Db } from '../db/open-database';

const settingsKey = 'preferences';

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** The host machine's own preferences, and (`ofMember`) each teammate's, kept in the store across restarts. */
export function createSettingsStore(db: Db) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );

  const getAt = (key: string, defaults: Settings): Settings => {
    const row = read.get(key);
    if (!row) return defaults;
    // A value written by an older build may lack newer fields: fill them from the defaults.
    const parsed = Settings.safeParse({ ...defaults, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : defaults;
  };
  const updateAt = (key: string, defaults: Settings, patch: Partial<Settings>): Settings => {
    const next = { ...getAt(key, defaults), ...patch };
    write.run(key, JSON.stringify(next));
    return next;
  };

  return {
    get: (): Settings => getAt(settingsKey, defaultSettings),
    update: (patch: Partial<Settings>): Settings => updateAt(settingsKey, defaultSettings, patch),
    /** A teammate's language and theme: theirs, not the host's, whichever device they join from. */
    ofMember(memberId: string, roomId: string) {
      const key = `${settingsKey}:member:${memberId}`;
      const defaults: Settings = { ...defaultSettings, lastRoomId: roomId };
      return {
        get: (): Settings => ({ ...getAt(key, defaults), lastRoomId: roomId }),
        update: (patch: Partial<Settings>): Settings => ({ ...updateAt(key, defaults, patch), lastRoomId: roomId }),
      };
    },
  };
}
