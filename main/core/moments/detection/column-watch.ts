import type { ColumnAlert } from '../../../../shared/columns/column';

/**
 * Watch alerts: the rule a team sets on a column ("alert from the first post that says
 * fuite, leak or rigged"), judged on counts alone with no baseline. A baseline needs a
 * rise to be sure of, so a slow build (two posts in its first minutes against a busy room)
 * stays below every statistical threshold for minutes; a watchlist of words the team
 * fears is how listening tools catch those early, beside spike detection.
 *
 * A column alerts when `minPosts` of its matches fall within the last `withinMinutes`,
 * then stays quiet until a whole window passes with no match: a story that keeps trickling
 * in is one alert, not one per post. A dismissal quiets it for a while.
 */
export interface WatchHit {
  columnId: string;
  /** The first match in the window that crossed: where the story began. */
  onsetMs: number;
  /** The newest match counted. */
  lastMs: number;
  count: number;
}

interface WatchState {
  /** Event times of recent matches, oldest first. */
  times: number[];
  /** Fired, and not yet re-armed by a quiet window. */
  fired: boolean;
  suppressedUntilMs: number;
}

const minuteMs = 60_000;

export function createColumnWatch() {
  const states = new Map<string, WatchState>();

  const stateOf = (columnId: string): WatchState => {
    let state = states.get(columnId);
    if (!state) {
      state = { times: [], fired: false, suppressedUntilMs: Number.NEGATIVE_INFINITY };
      states.set(columnId, state);
    }
    return state;
  };

  return {
    /** A match of a watched column at this event time. */
    add(columnId: string, atMs: number): void {
      const { times } = stateOf(columnId);
      // Items come nearly in order; a late one is slotted in place.
      let index = times.length;
      while (index > 0 && (times[index - 1] ?? 0) > atMs) index -= 1;
      times.splice(index, 0, atMs);
    },

    /** Judges one column's rule at `nowMs`; a hit fires once per story. */
    check(columnId: string, alert: ColumnAlert, nowMs: number): WatchHit | null {
      const state = stateOf(columnId);
      const from = nowMs - alert.withinMinutes * minuteMs;
      let drop = 0;
      while (drop < state.times.length && (state.times[drop] ?? 0) <= from) drop += 1;
      if (drop > 0) state.times.splice(0, drop);
      const inWindow = state.times.filter((at) => at <= nowMs);
      if (inWindow.length === 0) {
        state.fired = false; // a quiet window: the next match is news again
        return null;
      }
      if (state.fired || inWindow.length < alert.minPosts || nowMs < state.suppressedUntilMs) return null;
      state.fired = true;
      return {
        columnId,
        onsetMs: inWindow[0] ?? nowMs,
        lastMs: inWindow.at(-1) ?? nowMs,
        count: inWindow.length,
      };
    },

    /** A dismissed watch alert: this column stays quiet until then. */
    suppress(columnId: string, untilMs: number): void {
      const state = stateOf(columnId);
      state.suppressedUntilMs = Math.max(state.suppressedUntilMs, untilMs);
    },
  };
}
export type ColumnWatch = ReturnType<typeof createColumnWatch>;
