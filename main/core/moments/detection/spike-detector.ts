/**
 * Spike detection on per-minute counts, one stream per term (or column).
 *
 * Listening tools compare the last hour with the previous 12 hours; a live event moves in
 * minutes, so the same idea is scaled down: an EWMA baseline (~20 min memory) with an EW
 * variance, a z-score threshold plus a minimum count and ratio (so 2 → 6 posts is not a
 * "spike"), a warm-up before the first alert, and a cooldown after one. The baseline is
 * winsorized (a minute adds at most mean + z·sd) so a spike does not poison it, while a
 * lasting step still lifts it within a few cooldowns. Poisson noise sets a floor under the
 * variance. All O(1) per push.
 */
export interface SpikeOptions {
  /** EWMA weight per minute (0.1 ≈ the last 20 minutes). */
  alpha: number;
  zThreshold: number;
  /** A minute needs at least this many items to alert. */
  minCount: number;
  /** ...and at least this multiple of the baseline. */
  minRatio: number;
  warmupMinutes: number;
  cooldownMinutes: number;
  /** Missing minutes up to this gap count as zeros; a longer gap restarts the warm-up. */
  maxGapMinutes: number;
  /**
   * A second peak inside the cooldown still alerts once the first has clearly subsided (its
   * trough at most `reArmDrop` × its peak) and the count climbs back to `reArmRise` × that
   * trough: a stream cut twice is two moments, a long plateau is one.
   */
  reArmDrop: number;
  reArmRise: number;
}

export const defaultSpikeOptions: SpikeOptions = {
  alpha: 0.1,
  zThreshold: 4,
  minCount: 10,
  minRatio: 2,
  warmupMinutes: 10,
  cooldownMinutes: 10,
  maxGapMinutes: 120,
  reArmDrop: 0.5,
  reArmRise: 2,
};

export interface Detection {
  term: string;
  /** First minute of the rise (start, ms UTC). */
  onsetMs: number;
  /** Start of the minute that crossed the threshold, or the end of the running window that did. */
  detectedMs: number;
  count: number;
  baseline: number;
  z: number;
}

export interface Episode {
  term: string;
  onsetMs: number;
  peakMs: number;
  peakCount: number;
}

const minuteMs = 60_000;
const historyLength = 15;

interface TermState {
  minutes: number;
  lastMinuteMs: number;
  mean: number;
  variance: number;
  cooldownUntilMs: number;
  suppressedUntilMs: number;
  /** Recent minutes, oldest first: count and the baseline it was compared with. */
  history: Array<{ minuteMs: number; count: number; mean: number; sd: number }>;
  episode: Episode | null;
  /** Highest count since the last alert, and the lowest after that peak (for re-arming). */
  alertPeak: number;
  alertTrough: number;
  /** The baseline when the episode's first alert fired. */
  alertMean: number;
}

export interface SpikeDetector {
  push(minuteStartMs: number, count: number, term?: string): Detection | null;
  /**
   * Judges a running window (the 60 s ending at `windowEndMs`, not yet a closed minute)
   * against the baseline learned so far, without learning from it: a sharp rise alerts
   * within seconds of crossing instead of when its minute closes. The closed minute is
   * pushed later as usual; the alert's cooldown keeps it from firing twice.
   */
  peek(windowEndMs: number, count: number, term?: string): Detection | null;
  /** A dismissed moment: no alert for this term until then. */
  suppress(term: string, untilMs: number): void;
  /** The ongoing rise for a term, with its peak so far, or null once it has calmed down. */
  episode(term?: string): Episode | null;
}

const allTerms = '*';

export function createSpikeDetector(options: Partial<SpikeOptions> = {}): SpikeDetector {
  const opts: SpikeOptions = { ...defaultSpikeOptions, ...options };
  const states = new Map<string, TermState>();

  const fresh = (): TermState => ({
    minutes: 0,
    lastMinuteMs: Number.NaN,
    mean: 0,
    variance: 0,
    cooldownUntilMs: Number.NEGATIVE_INFINITY,
    suppressedUntilMs: Number.NEGATIVE_INFINITY,
    history: [],
    episode: null,
    alertPeak: 0,
    alertTrough: Number.POSITIVE_INFINITY,
    alertMean: 0,
  });

  const sdOf = (state: TermState): number => Math.sqrt(Math.max(state.variance, state.mean, 1));

  function learn(state: TermState, minuteStartMs: number, count: number): void {
    const sd = sdOf(state);
    state.history.push({ minuteMs: minuteStartMs, count, mean: state.mean, sd });
    if (state.history.length > historyLength) state.history.shift();
    const capped = state.minutes < opts.warmupMinutes ? count : Math.min(count, state.mean + opts.zThreshold * sd);
    if (state.minutes === 0) {
      state.mean = capped;
      state.variance = 0;
    } else {
      const diff = capped - state.mean;
      state.mean += opts.alpha * diff;
      state.variance = (1 - opts.alpha) * (state.variance + opts.alpha * diff * diff);
    }
    state.minutes += 1;
    state.lastMinuteMs = minuteStartMs;
  }

  /** The rise began where counts first stood clearly above their own baseline. */
  function onsetOf(state: TermState, detectedMs: number): number {
    let onset = detectedMs;
    for (let k = state.history.length - 1; k >= 0; k -= 1) {
      const past = state.history[k];
      const risen = past !== undefined && past.count > past.mean + 2.5 * past.sd && past.count >= 1.3 * past.mean;
      if (!past || !risen || past.minuteMs !== onset - minuteMs) break;
      onset = past.minuteMs;
    }
    return onset;
  }

  /**
   * Inside a cooldown the baseline has soaked up the first peak, so a second one is judged
   * against the trough between them (a local Poisson baseline) and the level before the
   * first alert, once the first peak has clearly subsided.
   */
  function reArmed(state: TermState, count: number): boolean {
    const trough = state.alertTrough;
    if (!(trough <= opts.reArmDrop * state.alertPeak)) return false;
    const floor = Math.max(trough, opts.minCount / 2);
    return (
      count >= opts.reArmRise * floor &&
      (count - trough) / Math.sqrt(floor) >= opts.zThreshold &&
      count >= opts.minRatio * Math.max(state.alertMean, 0.5)
    );
  }

  /** `atMs` is when the count is known; `judgedMinuteMs` the minute it mostly stands for. */
  function judge(
    state: TermState,
    term: string,
    atMs: number,
    judgedMinuteMs: number,
    count: number,
  ): Detection | null {
    if (state.minutes < opts.warmupMinutes || count < opts.minCount || atMs < state.suppressedUntilMs) return null;
    const sd = sdOf(state);
    const z = (count - state.mean) / sd;
    const fires =
      atMs >= state.cooldownUntilMs
        ? z >= opts.zThreshold && count >= opts.minRatio * Math.max(state.mean, 0.5)
        : reArmed(state, count);
    if (!fires) return null;
    // A running window may reach into a minute still open: its rise starts after the last learned one at the latest.
    const onsetMs = onsetOf(state, Math.min(judgedMinuteMs, state.lastMinuteMs + minuteMs));
    if (atMs >= state.cooldownUntilMs) state.alertMean = state.mean;
    state.cooldownUntilMs = atMs + opts.cooldownMinutes * minuteMs;
    state.alertPeak = count;
    state.alertTrough = Number.POSITIVE_INFINITY;
    state.episode = { term, onsetMs, peakMs: judgedMinuteMs, peakCount: count };
    return { term, onsetMs, detectedMs: atMs, count, baseline: state.mean, z };
  }

  function stateOf(term: string): TermState {
    let state = states.get(term);
    if (!state) {
      state = fresh();
      states.set(term, state);
    }
    return state;
  }

  function push(minuteStartMs: number, count: number, term: string = allTerms): Detection | null {
    let state = stateOf(term);
    if (state.minutes > 0) {
      const gap = Math.round((minuteStartMs - state.lastMinuteMs) / minuteMs);
      if (gap <= 0) return null; // a minute already counted: ignore, streams only go forward
      if (gap > opts.maxGapMinutes) {
        const kept = state.suppressedUntilMs;
        state = fresh();
        state.suppressedUntilMs = kept;
        states.set(term, state);
      } else {
        for (let missing = 1; missing < gap; missing += 1) learn(state, state.lastMinuteMs + minuteMs, 0);
      }
    }
    const z = (count - state.mean) / sdOf(state);
    const episode = state.episode;
    if (episode) {
      if (count > episode.peakCount) {
        episode.peakCount = count;
        episode.peakMs = minuteStartMs;
      }
      if (z < 1) state.episode = null;
    }
    const detection = judge(state, term, minuteStartMs, minuteStartMs, count);
    if (!detection) {
      if (count > state.alertPeak) {
        state.alertPeak = count;
        state.alertTrough = Number.POSITIVE_INFINITY;
      } else {
        state.alertTrough = Math.min(state.alertTrough, count);
      }
    }
    learn(state, minuteStartMs, count);
    return detection;
  }

  function peek(windowEndMs: number, count: number, term: string = allTerms): Detection | null {
    const state = states.get(term);
    if (!state || state.minutes === 0) return null;
    // Only against a baseline that is current: after a long silence, wait for minutes to close.
    if (windowEndMs - state.lastMinuteMs > 3 * minuteMs) return null;
    const lastMs = windowEndMs - 1;
    return judge(state, term, windowEndMs, lastMs - (lastMs % minuteMs), count);
  }

  return {
    push,
    peek,
    suppress(term, untilMs) {
      const state = stateOf(term);
      state.suppressedUntilMs = Math.max(state.suppressedUntilMs, untilMs);
      state.episode = null;
    },
    episode(term = allTerms) {
      const episode = states.get(term)?.episode;
      return episode ? { ...episode } : null;
    },
  };
}
