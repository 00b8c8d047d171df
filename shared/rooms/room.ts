import { z } from 'zod';

export const roomLanguages = ['fr', 'en'] as const;
export const RoomLanguage = z.enum(roomLanguages);
export type RoomLanguage = z.infer<typeof RoomLanguage>;

export const roomNameMaxLength = 120;

/** True when the runtime's Intl knows this IANA time zone (e.g. "Europe/Paris"). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Messages are i18n keys under `errors.*`; the contract turns them into English text.
const RoomName = z
  .string({ error: 'errors.room.nameRequired' })
  .max(roomNameMaxLength, { error: 'errors.room.nameTooLong' })
  .transform((name) => name.trim())
  .refine((name) => name.length > 0, { error: 'errors.room.nameRequired' });

const EventTime = z.number({ error: 'errors.room.timeRequired' }).int().min(0);

const TimeZone = z
  .string({ error: 'errors.room.timeZoneUnknown' })
  .refine(isKnownTimeZone, { error: 'errors.room.timeZoneUnknown' });

export const RoomId = z.string().min(1).max(64);

export const RoomCreateInput = z
  .object({
    name: RoomName,
    startsAt: EventTime,
    endsAt: EventTime,
    timeZone: TimeZone,
    language: RoomLanguage,
  })
  .refine((room) => room.endsAt > room.startsAt, { error: 'errors.room.endBeforeStart', path: ['endsAt'] });
export type RoomCreateInput = z.input<typeof RoomCreateInput>;

export const RoomRenameInput = z.object({ id: RoomId, name: RoomName });
export const RoomIdInput = z.object({ id: RoomId });
export const RoomListInput = z.object({ includeArchived: z.boolean().default(false) });

export const Room = z.object({
  id: z.string(),
  name: z.string(),
  startsAt: z.number(),
  endsAt: z.number(),
  timeZone: z.string(),
  language: RoomLanguage,
  archivedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Room = z.infer<typeof Room>;
