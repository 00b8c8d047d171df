/** Where the event stands, for the header clock. */
export type EventPhase =
  | { phase: 'before'; msToStart: number }
  | { phase: 'live'; msSinceStart: number }
  | { phase: 'ended'; msSinceEnd: number };

export function eventPhase(room: { startsAt: number; endsAt: number }, now: number): EventPhase {
  if (now < room.startsAt) return { phase: 'before', msToStart: room.startsAt - now };
  if (now < room.endsAt) return { phase: 'live', msSinceStart: now - room.startsAt };
  return { phase: 'ended', msSinceEnd: now - room.endsAt };
}

/** "1:05:09" or "05:09": the clock face, independent of language. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
