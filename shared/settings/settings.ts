import { z } from 'zod';
import { RoomLanguage } from '../rooms/room';

/** Per-installation preferences. The UI locale is null until the person picks one. */
export const Settings = z.object({
  locale: RoomLanguage.nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  /** The room to reopen at start (the demo room on a first start). */
  lastRoomId: z.string().max(64).nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { locale: null, theme: 'system', lastRoomId: null };

export const SettingsUpdateInput = Settings.partial();
