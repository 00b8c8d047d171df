/**
 * The soak's clock, shared by the bench process (the Mastodon server) and each child (the
 * core): real time sped up, so back-offs, rate-limit windows and Mastodon's one-hour
 * Idempotency-Key memory pass within minutes, plus an offset the bench moves forward
 * between two lives of the child (the app stayed down past the hour).
 */
export interface SoakClock {
  base: number;
  speed: number;
  offsetMs: number;
}

export function soakNow(clock: SoakClock): () => number {
  return () => clock.base + (Date.now() - clock.base) * clock.speed + clock.offsetMs;
}

/** A seeded generator (mulberry32): the same seed draws the same kill plan. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
