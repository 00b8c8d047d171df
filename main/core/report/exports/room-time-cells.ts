import { offsetAt as zoneOffsetAt } from '../../../../shared/time/zoned-time';

/**
 * Times for exported cells, in the room's time zone, as "2026-07-19 21:03:05". A million
 * rows cannot each pay for Intl: the zone's offset is asked once per quarter hour of UTC
 * (offsets change on quarter hours at the finest, DST included) and the rest is arithmetic.
 */
export function roomTimeCells(timeZone: string): (at: number | null) => string {
  const quarter = 15 * 60_000;
  const offsets = new Map<number, number>();
  const offsetAt = (at: number): number => {
    const key = Math.floor(at / quarter);
    let offset = offsets.get(key);
    if (offset === undefined) {
      offset = zoneOffsetAt(key * quarter, timeZone);
      offsets.set(key, offset);
    }
    return offset;
  };
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return (at) => {
    if (at === null) return '';
    const d = new Date(at + offsetAt(at));
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(
      d.getUTCMinutes(),
    )}:${two(d.getUTCSeconds())}`;
  };
}
