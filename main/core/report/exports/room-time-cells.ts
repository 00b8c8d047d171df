/**
 * Times for exported cells, in the room's time zone, as "2026-07-19 21:03:05". A million
 * rows cannot each pay for Intl: the zone's offset is asked once per quarter hour of UTC
 * (offsets change on quarter hours at the finest, DST included) and the rest is arithmetic.
 */
export function roomTimeCells(timeZone: string): (at: number | null) => string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const quarter = 15 * 60_000;
  const offsets = new Map<number, number>();
  const offsetAt = (at: number): number => {
    const key = Math.floor(at / quarter);
    let offset = offsets.get(key);
    if (offset === undefined) {
      const start = key * quarter;
      const p = Object.fromEntries(parts.formatToParts(start).map((part) => [part.type, Number(part.value)]));
      offset =
        Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - start;
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
