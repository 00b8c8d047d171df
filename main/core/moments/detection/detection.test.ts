import { describe, expect, it } from 'vitest';
import { createEmergingTerms } from './emerging-terms';
import { createSpikeDetector, type Detection } from './spike-detector';
import { tokenize } from './tokenize';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const minute = (n: number) => t0 + n * 60_000;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Poisson sample (Knuth for small means, normal approximation above). */
function poisson(mean: number, random: () => number): number {
  if (mean > 50)
    return Math.max(
      0,
      Math.round(
        mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random()),
      ),
    );
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k += 1;
  return k;
}

function run(series: number[]): Detection[] {
  const detector = createSpikeDetector();
  return series.flatMap((count, n) => detector.push(minute(n), count) ?? []);
}

const noisy = (length: number, meanAt: (n: number) => number, seed = 1) => {
  const random = seeded(seed);
  return Array.from({ length }, (_, n) => poisson(meanAt(n), random));
};

describe('spike detector', () => {
  it('stays quiet on a flat series', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(run(noisy(240, () => 40, seed))).toEqual([]);
    expect(run(Array.from({ length: 120 }, () => 0))).toEqual([]);
  });

  it('stays quiet on a noisy low baseline (small numbers are not spikes)', () => {
    for (const seed of [1, 2, 3]) expect(run(noisy(240, () => 2, seed))).toEqual([]);
  });

  it('catches a spike within 2 minutes of its onset, once, and tracks its peak', () => {
    const rise = [30, 90, 160, 220, 180, 120, 60];
    const series = noisy(120, (n) => (n >= 60 && n < 60 + rise.length ? (rise[n - 60] ?? 20) : 20), 7);
    const detector = createSpikeDetector();
    const detections = series.flatMap((count, n) => detector.push(minute(n), count) ?? []);
    expect(detections).toHaveLength(1);
    const [detection] = detections;
    expect(detection?.onsetMs).toBe(minute(60));
    expect((detection?.detectedMs ?? 0) - minute(60)).toBeLessThanOrEqual(2 * 60_000);
    const peakDetector = createSpikeDetector();
    for (let n = 0; n <= 63; n += 1) peakDetector.push(minute(n), series[n] ?? 0);
    expect(peakDetector.episode()).toMatchObject({ onsetMs: minute(60), peakMs: minute(63) });
  });

  it('fires once for a step, not every minute after it', () => {
    const detections = run(noisy(180, (n) => (n < 60 ? 20 : 80), 3));
    expect(detections).toHaveLength(1);
    expect(detections[0]?.detectedMs).toBeLessThanOrEqual(minute(61));
  });

  it('does not storm on linear growth', () => {
    const detections = run(noisy(240, (n) => 10 + n, 4));
    expect(detections.length).toBeLessThanOrEqual(1);
  });

  it('raises no false alert on a seasonal pattern', () => {
    for (const seed of [1, 2, 3]) {
      expect(run(noisy(360, (n) => 100 + 30 * Math.sin((2 * Math.PI * n) / 20), seed))).toEqual([]);
      expect(run(noisy(360, (n) => (n % 60 < 15 ? 40 : 60), seed))).toEqual([]);
    }
  });

  it('waits for warm-up, honours suppress, and treats missing minutes as zeros', () => {
    expect(run([5, 200, 200])).toEqual([]);
    const detector = createSpikeDetector();
    for (let n = 0; n < 30; n += 1) detector.push(minute(n), 20);
    detector.suppress('*', minute(40));
    expect(detector.push(minute(30), 200)).toBeNull();
    for (let n = 31; n < 60; n += 1) detector.push(minute(n), 20);
    expect(detector.push(minute(60), 200)).not.toBeNull();
    // Thirty silent minutes lower the baseline: 20 items after them is a rise again.
    const sparse = createSpikeDetector();
    for (let n = 0; n < 20; n += 1) sparse.push(minute(n), 20);
    expect(sparse.push(minute(20), 20)).toBeNull();
    expect(sparse.push(minute(50), 20)).not.toBeNull();
  });

  it('alerts again on a second peak inside the cooldown, but not on a plateau with a dip', () => {
    const peaks = [45, 51, 40, 23, 19, 18, 17, 36, 59, 49, 41, 28];
    const series = noisy(90, (n) => (n >= 60 && n < 60 + peaks.length ? (peaks[n - 60] ?? 10) : 10), 5);
    const detections = run(series);
    expect(detections.map((d) => d.detectedMs)).toEqual([minute(60), minute(67)]);
    const plateau = [60, 80, 80, 55, 70, 80, 75, 80, 80, 70];
    expect(run(noisy(90, (n) => (n >= 60 && n < 60 + plateau.length ? (plateau[n - 60] ?? 20) : 20), 6))).toHaveLength(
      1,
    );
  });

  it('judges a running window before its minute closes, without learning from it', () => {
    const detector = createSpikeDetector();
    expect(detector.peek(minute(0) + 30_000, 500)).toBeNull(); // nothing learned yet
    const series = noisy(30, () => 20, 9);
    series.forEach((count, n) => detector.push(minute(n), count));
    // Quiet windows, looked at often, change nothing.
    for (let k = 1; k <= 8; k += 1) expect(detector.peek(minute(29) + k * 15_000, 22)).toBeNull();
    const early = detector.peek(minute(30) + 30_000, 70);
    expect(early).toMatchObject({ detectedMs: minute(30) + 30_000, onsetMs: minute(30), count: 70 });
    expect(detector.episode()).toMatchObject({ onsetMs: minute(30) });
    // The minute closes later: same rise, no second alert.
    expect(detector.push(minute(30), 120)).toBeNull();
    expect(detector.push(minute(31), 130)).toBeNull();
    expect(detector.episode()?.peakCount).toBe(130);
  });

  it('keeps terms apart and is cheap', () => {
    const detector = createSpikeDetector();
    const started = performance.now();
    for (let n = 0; n < 60; n += 1) for (let term = 0; term < 500; term += 1) detector.push(minute(n), 10, `t${term}`);
    const perMinute = (performance.now() - started) / 60;
    expect(detector.push(minute(60), 100, 't1')?.term).toBe('t1');
    expect(detector.push(minute(60), 10, 't2')).toBeNull();
    expect(perMinute).toBeLessThan(5);
  });
});

describe('tokenize', () => {
  it('folds case and accents, keeps hashtags and mentions, drops links and stop words', () => {
    expect(tokenize("L'arbitre a sifflé ! #VAR @SodaFizz https://t.co/xyz Été été le the 2026")).toEqual([
      'arbitre',
      'siffle',
      '#var',
      '@sodafizz',
    ]);
    expect(tokenize('Blackout au Stade de France, quelle panne')).toEqual(['blackout', 'stade', 'france', 'panne']);
  });
});

describe('emerging terms', () => {
  const background = ['match', 'but', 'arbitre', 'stade', 'joueur', 'supporters', 'ballon', 'score'];

  function simulate(onBurst: (n: number) => string[]) {
    const tracker = createEmergingTerms();
    const random = seeded(11);
    const found: Array<{ n: number; term: string }> = [];
    for (let n = 0; n < 90; n += 1) {
      for (let k = 0; k < 60; k += 1) {
        const words = Array.from({ length: 4 }, () => background[Math.floor(random() * background.length)] ?? 'match');
        tracker.addItem(words.join(' '), minute(n) + k * 900);
      }
      for (const text of onBurst(n)) tracker.addItem(text, minute(n) + 30_000);
      for (const term of tracker.closeMinute(minute(n))) found.push({ n, term: term.term });
    }
    return { found, tracker };
  }

  it('finds a term rising from zero within two minutes, and only it', () => {
    const { found } = simulate((n) =>
      n >= 50 && n < 60 ? Array.from({ length: 6 + (n - 50) * 4 }, () => 'Coupure générale, #Blackout au stade') : [],
    );
    expect(found.map((f) => f.term).sort()).toEqual(['#blackout', 'coupure', 'generale']);
    expect(Math.max(...found.map((f) => f.n))).toBeLessThanOrEqual(51);
  });

  it('does not flag steady chatter', () => {
    expect(simulate(() => []).found).toEqual([]);
  });

  it('finds a burst in the running window, mid-minute, and only once', () => {
    const tracker = createEmergingTerms();
    const random = seeded(5);
    const found: Array<{ at: number; term: string }> = [];
    for (let n = 0; n < 40; n += 1) {
      for (let step = 0; step < 4; step += 1) {
        const at = minute(n) + step * 15_000;
        for (let k = 0; k < 15; k += 1) {
          const words = Array.from(
            { length: 4 },
            () => background[Math.floor(random() * background.length)] ?? 'match',
          );
          tracker.addItem(words.join(' '), at + k * 1000);
        }
        if (n === 30) for (let k = 0; k < 4; k += 1) tracker.addItem('Coupure générale au stade', at + k * 1000);
        for (const term of tracker.check(at + 15_000)) found.push({ at: at + 15_000, term: term.term });
      }
      for (const term of tracker.closeMinute(minute(n))) found.push({ at: minute(n + 1), term: term.term });
    }
    expect(found.map((f) => f.term).sort()).toEqual(['coupure', 'generale']);
    // 8 mentions by 30 s into the minute: found then, not when the minute closes.
    expect(found.every((f) => f.at === minute(30) + 30_000)).toBe(true);
  });

  it('asks less of a word never said before than of one already in the conversation', () => {
    const tracker = createEmergingTerms();
    for (let n = 0; n < 20; n += 1) {
      tracker.addItem('match arbitre', minute(n));
      if (n % 5 === 0) tracker.addItem('canapé', minute(n) + 1000);
      tracker.closeMinute(minute(n));
    }
    for (let k = 0; k < 6; k += 1) tracker.addItem('canapé #VortexFail', minute(20) + k * 5000);
    expect(tracker.check(minute(20) + 40_000).map((t) => t.term)).toEqual(['#vortexfail']);
    for (let k = 0; k < 2; k += 1) tracker.addItem('canapé', minute(20) + 45_000 + k * 1000);
    expect(tracker.check(minute(20) + 50_000).map((t) => t.term)).toEqual(['canape']);
  });

  it('keeps the vocabulary bounded', () => {
    const tracker = createEmergingTerms({ maxTerms: 1000 });
    for (let k = 0; k < 10_000; k += 1) tracker.addTokens([`word${k}`], minute(0));
    expect(tracker.size()).toBeLessThanOrEqual(1000);
  });
});
