import type { Room } from '../../../shared/rooms/room';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time as the room's people read it: their language, the room's time zone. */
export function formatRoomTime(at: number, room: Pick<Room, 'timeZone'>, locale: string): string {
  const key = `${locale}|${room.timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: room.timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(at);
}
