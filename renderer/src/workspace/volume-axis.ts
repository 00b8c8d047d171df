import type { ScaleTime } from 'd3';

const minuteMs = 60_000;

/**
 * About `count` ticks for the time axis, on whole minutes only: over a short range d3
 * would tick every 15 s, and labels in minutes would then repeat ("00:51, 00:51, 00:51").
 */
export function minuteTicks(x: ScaleTime<number, number>, count: number): Date[] {
  const ticks = x.ticks(count).filter((tick) => tick.getTime() % minuteMs === 0);
  if (ticks.length > 0) return ticks;
  // Less than a minute shown: its start, if it is on screen, else nothing to label.
  const [start] = x.domain();
  const first = start ? Math.ceil(start.getTime() / minuteMs) * minuteMs : Number.NaN;
  return first <= (x.domain()[1]?.getTime() ?? Number.NaN) ? [new Date(first)] : [];
}
