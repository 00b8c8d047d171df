import { z } from 'zod';
import { defaultSettings, Settings } from '../../../shared/settings/settings';
import type { Db } from '../db/open-database';

const settingsKey = 'preferences';

/**
 * Preferences read back from the store. A value written by an older build may lack newer
 * fields, a newer build may have written a value this one does not know, and a damaged row
 * may not be JSON at all: each field that does not read falls back to its default alone, so
 * no stored value can make the app's start (which reads them first) fail.
 */
function storedSettings(text: string, defaults: Settings): Settings {
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return defaults;
  }
  const lenient = z.object({
    locale: Settings.shape.locale.catch(defaults.locale),
    theme: Settings.shape.theme.catch(defaults.theme),
    lastRoomId: Settings.shape.lastRoomId.catch(defaults.lastRoomId),
  });
  return lenient.parse(typeof stored === 'object' && stored !== null ? { ...defaults, ...stored } : defaults);
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** The host machine's own preferences, and (`ofMember`) each teammate's, kept in the store across restarts. */
export function createSettingsStore(db: Db) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );

  const getAt = (key: string, defaults: Settings): Settings => {
    const row = read.get(key);
    return row ? storedSettings(row.value, defaults) : defaults;
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
