import type { Random } from './prng';

/** Expected items per minute at an event time (ms). */
export type RateCurve = (at: number) => number;

const MINUTE = 60_000;

/** Piecewise-linear baseline through [time, items per minute] points, flat outside them. */
export function piecewise(points: readonly (readonly [number, number])[]): RateCurve {
  return (at) => {
    const first = points[0];
    if (first === undefined) return 0;
    if (at <= first[0]) return first[1];
    for (let i = 1; i < points.length; i++) {
      const left = points[i - 1];
      const right = points[i];
      if (left === undefined || right === undefined) break;
      if (at <= right[0]) {
        const span = right[0] - left[0];
        return span === 0 ? right[1] : left[1] + ((right[1] - left[1]) * (at - left[0])) / span;
      }
    }
    return points.at(-1)?.[1] ?? 0;
  };
}

export interface BurstShape {
  onsetAt: number;
  /** Items per minute at the top of the burst, on top of the baseline. */
  peakPerMinute: number;
  riseMs: number;
  /** Time held at the peak before the decay (a blackout lasts; a goal does not). */
  holdMs?: number;
  /** Exponential decay time constant after the peak. */
  decayMs: number;
  /** Where the burst settles after decaying, items per minute (a meme keeps a tail). */
  tailPerMinute?: number;
}

/** Nothing before the onset: the first burst item is at or after the true onset. */
export function burst(shape: BurstShape): RateCurve {
  const hold = shape.holdMs ?? 0;
  const tail = shape.tailPerMinute ?? 0;
  const peakEnd = shape.onsetAt + shape.riseMs + hold;
  return (at) => {
    if (at < shape.onsetAt) return 0;
    if (at < shape.onsetAt + shape.riseMs) {
      // Quadratic ease-in: word spreads, then everyone piles on.
      const x = (at - shape.onsetAt) / shape.riseMs;
      return Math.max(tail * x, shape.peakPerMinute * (0.15 + 0.85 * x * x));
    }
    if (at < peakEnd) return shape.peakPerMinute;
    return tail + (shape.peakPerMinute - tail) * Math.exp(-(at - peakEnd) / shape.decayMs);
  };
}

/** A slow sway (programme rhythm) times a per-minute random wobble (crowd mood). */
export function wobble(random: Random, from: number, to: number, depth: number): RateCurve {
  const minutes = Math.ceil((to - from) / MINUTE) + 1;
  const factors: number[] = [];
  let level = 0;
  for (let i = 0; i < minutes; i++) {
    // AR(1) in log space: neighbouring minutes look alike, as real traffic does.
    level = 0.7 * level + depth * random.gaussian();
    factors.push(Math.exp(level - (depth * depth) / 2));
  }
  return (at) => factors[Math.min(minutes - 1, Math.max(0, Math.floor((at - from) / MINUTE)))] ?? 1;
}

export function scaled(curve: RateCurve, factor: RateCurve): RateCurve {
  return (at) => curve(at) * factor(at);
}

/**
 * Draws arrival times of a non-homogeneous Poisson process, sorted, in steps of `stepMs`.
 * Times are whole seconds plus a random millisecond part, so none collide by construction
 * more often than real posts would.
 */
export function arrivals(random: Random, curve: RateCurve, from: number, to: number, stepMs = 10_000): number[] {
  const times: number[] = [];
  for (let start = from; start < to; start += stepMs) {
    const end = Math.min(to, start + stepMs);
    const mean = (curve(start + (end - start) / 2) * (end - start)) / MINUTE;
    const count = random.poisson(mean);
    const batch: number[] = [];
    for (let i = 0; i < count; i++) batch.push(start + Math.floor(random.next() * (end - start)));
    batch.sort((a, b) => a - b);
    times.push(...batch);
  }
  return times;
}
