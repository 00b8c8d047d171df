import { scaleTime } from 'd3';
import { describe, expect, it } from 'vitest';
import { minuteTicks } from './volume-axis';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 0, 0) + minutes * 60_000);

describe('minuteTicks', () => {
  it('ticks only whole minutes over a two-minute range, each once', () => {
    const ticks = minuteTicks(scaleTime().domain([at(51), at(53)]), 8);
    expect(ticks).toEqual([at(51), at(52), at(53)]);
  });

  it('keeps d3’s spacing over hours', () => {
    const ticks = minuteTicks(scaleTime().domain([at(0), at(180)]), 6);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.every((tick) => tick.getUTCSeconds() === 0)).toBe(true);
    const [first, second] = ticks.map((tick) => tick.getTime());
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(30 * 60_000);
  });

  it('labels the one minute start inside a range shorter than a minute, or nothing', () => {
    expect(minuteTicks(scaleTime().domain([at(51.5), at(52.25)]), 8)).toEqual([at(52)]);
    expect(minuteTicks(scaleTime().domain([at(51.25), at(51.75)]), 8)).toEqual([]);
  });
});
