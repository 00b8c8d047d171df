import { tokenize } from './tokenize';

/**
 * Terms that were rare or absent and are rising fast: the words of a moment nobody has
 * written a query for yet. Per term it keeps the last few minutes exactly and older ones
 * as an EWMA rate; a term emerges when its count over the last `windowMinutes` clears
 * `minCount`, is `minRatio` times what its baseline (plus a small prior, so a brand-new
 * word is judged against "almost never" rather than zero) predicts, and is a Poisson
 * surprise (z ≥ zThreshold). The vocabulary is capped; rare terms are evicted first.
 */
export interface EmergingOptions {
  windowMinutes: number;
  minCount: number;
  /**
   * The minimum for a word first said inside the window (after warm-up): a word unused for
   * the whole event so far that suddenly comes from several posts is a new topic, while a
   * word already in the conversation needs the full `minCount`.
   */
  newTermMinCount: number;
  minRatio: number;
  zThreshold: number;
  /** Items per minute a term is assumed to have when nothing is known. */
  priorRate: number;
  alpha: number;
  maxTerms: number;
  cooldownMinutes: number;
  /** Minutes to watch before anything can emerge: at first every word is new. */
  warmupMinutes: number;
}

export const defaultEmergingOptions: EmergingOptions = {
  windowMinutes: 3,
  minCount: 8,
  newTermMinCount: 6,
  minRatio: 4,
  zThreshold: 4,
  priorRate: 0.3,
  alpha: 0.05,
  maxTerms: 20_000,
  cooldownMinutes: 15,
  warmupMinutes: 10,
};

export interface EmergingTerm {
  term: string;
  /** Count over the window ending with the closed minute. */
  count: number;
  expected: number;
  z: number;
  /** Start of the minute that was closed. */
  minuteMs: number;
}

const minuteMs = 60_000;

interface TermStats {
  /** Exact counts of the last window minutes, by minute index. */
  recent: Map<number, number>;
  /** Per-minute EWMA of minutes that left the window, folded up to `foldedMinute`. */
  rate: number;
  foldedMinute: number;
  lastSeenMinute: number;
  /** First mention since the tracker started (or since the term was last evicted). */
  firstSeenMinute: number;
  cooldownUntilMinute: number;
}

export interface EmergingTermsTracker {
  /** Counts an item's words in the minute it was published. */
  addItem(text: string, publishedAtMs: number): void;
  addTokens(tokens: readonly string[], publishedAtMs: number): void;
  /** Call once a minute is complete; returns the terms that emerged, strongest first. */
  closeMinute(minuteStartMs: number): EmergingTerm[];
  /**
   * Judges the window that ends now, its last minute still running (its expected count
   * scaled to the part elapsed), for the terms mentioned since the last look: a burst
   * emerges as soon as it is clear, not when its minute closes.
   */
  check(nowMs: number): EmergingTerm[];
  /** A dismissed moment: this term stays quiet until then. */
  suppress(term: string, untilMs: number): void;
  size(): number;
}

export function createEmergingTerms(options: Partial<EmergingOptions> = {}): EmergingTermsTracker {
  const opts: EmergingOptions = { ...defaultEmergingOptions, ...options };
  const terms = new Map<string, TermStats>();
  let firstMinute: number | null = null;
  /** Terms mentioned since the last check: only they can have newly crossed. */
  const touched = new Set<string>();

  /** Moves minutes older than the window into the EWMA, zeros included. */
  function fold(stats: TermStats, upToMinute: number): void {
    for (const [minute, count] of [...stats.recent].sort((a, b) => a[0] - b[0])) {
      if (minute > upToMinute) break;
      const gap = minute - stats.foldedMinute - 1;
      if (gap > 0) stats.rate *= Math.pow(1 - opts.alpha, gap);
      stats.rate = (1 - opts.alpha) * stats.rate + opts.alpha * count;
      stats.foldedMinute = minute;
      stats.recent.delete(minute);
    }
    if (upToMinute > stats.foldedMinute) {
      stats.rate *= Math.pow(1 - opts.alpha, upToMinute - stats.foldedMinute);
      stats.foldedMinute = upToMinute;
    }
  }

  function evictRare(): void {
    // Drop the weakest fifth at once, so eviction cost is spread over many insertions.
    const scored = [...terms].map(([term, stats]) => {
      let recent = 0;
      for (const count of stats.recent.values()) recent += count;
      return { term, score: stats.rate + recent };
    });
    scored.sort((a, b) => a.score - b.score);
    for (const { term } of scored.slice(0, Math.ceil(terms.size / 5))) {
      terms.delete(term);
      touched.delete(term);
    }
  }

  function addTokens(tokens: readonly string[], publishedAtMs: number): void {
    const minute = Math.floor(publishedAtMs / minuteMs);
    for (const token of tokens) {
      let stats = terms.get(token);
      if (!stats) {
        if (terms.size >= opts.maxTerms) evictRare();
        // A term never seen before starts with no history: the prior stands for it.
        stats = {
          recent: new Map(),
          rate: 0,
          foldedMinute: minute - 1,
          lastSeenMinute: minute,
          firstSeenMinute: minute,
          cooldownUntilMinute: -Infinity,
        };
        terms.set(token, stats);
      }
      if (minute <= stats.foldedMinute) continue; // too late to change a closed baseline
      stats.recent.set(minute, (stats.recent.get(minute) ?? 0) + 1);
      touched.add(token);
      stats.lastSeenMinute = Math.max(stats.lastSeenMinute, minute);
    }
  }

  /** The EWMA as if every minute before `windowStart` were folded, without folding. */
  function rateBefore(stats: TermStats, windowStart: number): number {
    let rate = stats.rate;
    let folded = stats.foldedMinute;
    for (const [minute, count] of [...stats.recent].sort((a, b) => a[0] - b[0])) {
      if (minute >= windowStart) break;
      rate = Math.pow(1 - opts.alpha, minute - folded - 1) * rate;
      rate = (1 - opts.alpha) * rate + opts.alpha * count;
      folded = minute;
    }
    return windowStart - 1 > folded ? rate * Math.pow(1 - opts.alpha, windowStart - 1 - folded) : rate;
  }

  /** Judges one term over [windowStart, minute], whose expected length is `windowLength` minutes. */
  function judge(
    term: string,
    stats: TermStats,
    minute: number,
    windowStart: number,
    rate: number,
    windowLength: number,
  ): EmergingTerm | null {
    let count = 0;
    for (const [m, c] of stats.recent) if (m >= windowStart && m <= minute) count += c;
    const minCount =
      stats.firstSeenMinute >= windowStart ? Math.min(opts.newTermMinCount, opts.minCount) : opts.minCount;
    if (count < minCount || minute < stats.cooldownUntilMinute) return null;
    const expected = windowLength * (rate + opts.priorRate);
    const z = (count - expected) / Math.sqrt(expected);
    if (count < opts.minRatio * expected || z < opts.zThreshold) return null;
    stats.cooldownUntilMinute = minute + opts.cooldownMinutes;
    return { term, count, expected, z, minuteMs: minute * minuteMs };
  }

  function closeMinute(minuteStartMs: number): EmergingTerm[] {
    const minute = Math.floor(minuteStartMs / minuteMs);
    const windowStart = minute - opts.windowMinutes + 1;
    firstMinute ??= minute;
    const warm = minute - firstMinute >= opts.warmupMinutes;
    const found: EmergingTerm[] = [];
    for (const [term, stats] of terms) {
      // Only terms seen inside the window can emerge; the rest wait for their next mention.
      if (stats.lastSeenMinute < windowStart) continue;
      fold(stats, windowStart - 1);
      if (!warm) continue;
      const emerged = judge(term, stats, minute, windowStart, stats.rate, opts.windowMinutes);
      if (emerged) found.push(emerged);
    }
    return found.sort((a, b) => b.z - a.z);
  }

  function check(nowMs: number): EmergingTerm[] {
    const minute = Math.floor(nowMs / minuteMs);
    const elapsed = (nowMs - minute * minuteMs) / minuteMs;
    const windowStart = minute - opts.windowMinutes + 1;
    const warm = firstMinute !== null && minute - firstMinute >= opts.warmupMinutes;
    const found: EmergingTerm[] = [];
    if (warm) {
      for (const term of touched) {
        const stats = terms.get(term);
        if (!stats || stats.lastSeenMinute < windowStart) continue;
        // Closed minutes are not folded here: closeMinute still has to count them.
        const emerged = judge(
          term,
          stats,
          minute,
          windowStart,
          rateBefore(stats, windowStart),
          opts.windowMinutes - 1 + elapsed,
        );
        if (emerged) found.push(emerged);
      }
    }
    touched.clear();
    return found.sort((a, b) => b.z - a.z);
  }

  return {
    addItem: (text, publishedAtMs) => addTokens(tokenize(text), publishedAtMs),
    addTokens,
    closeMinute,
    check,
    suppress(term, untilMs) {
      const stats = terms.get(term);
      if (stats) stats.cooldownUntilMinute = Math.max(stats.cooldownUntilMinute, Math.ceil(untilMs / minuteMs));
      else {
        const minute = Math.floor(untilMs / minuteMs);
        terms.set(term, {
          recent: new Map(),
          rate: 0,
          foldedMinute: minute - 1,
          lastSeenMinute: -Infinity,
          firstSeenMinute: minute,
          cooldownUntilMinute: Math.ceil(untilMs / minuteMs),
        });
      }
    },
    size: () => terms.size,
  };
}
