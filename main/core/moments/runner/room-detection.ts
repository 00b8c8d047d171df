import {
  createEmergingTerms,
  defaultEmergingOptions,
  type EmergingOptions,
  type EmergingTerm,
} from '../detection/emerging-terms';
import type { ColumnAlert } from '../../../../shared/columns/column';
import { createColumnWatch } from '../detection/column-watch';
import { createSpikeDetector, type Detection, type SpikeOptions } from '../detection/spike-detector';
import { tokenize } from '../detection/tokenize';

/**
 * One room's detection in EVENT time, with no clock of its own: items are added with the
 * time they belong to, and `advance(eventNow)` closes every minute that ended at least
 * `graceMs` before it, feeding the spike detector (room-wide counts) and the emerging-term
 * tracker. Waiting for a minute to close costs a minute or more, so between closes the
 * running window (the last 60 s for the room, the term window with its minute still open)
 * is judged too, at most every `checkEveryMs`, against baselines learned from closed
 * minutes only. Columns with a watch rule are judged on their counts alone at every advance.
 * The live runner and the quality benchmark drive this same code.
 */
export interface RoomDetectionOptions {
  /** Items may arrive this long after their minute ended and still count in it. */
  graceMs: number;
  /** How often the running window is judged (event time); 0 judges closed minutes only. */
  checkEveryMs: number;
  samplesPerMoment: number;
  spike: Partial<SpikeOptions>;
  emerging: Partial<EmergingOptions>;
}

export const defaultRoomDetectionOptions: RoomDetectionOptions = {
  graceMs: 5_000,
  checkEveryMs: 15_000,
  samplesPerMoment: 3,
  spike: {},
  // Tuned on the labeled recordings (npm run bench -- moments): at the start of an event
  // every word is new, and a 4× rise of a common word is chatter, not a moment.
  emerging: { warmupMinutes: 30, minRatio: 6 },
};

export interface DetectedMoment {
  kind: 'spike' | 'emerging' | 'watch';
  /** null for the room-wide spike. */
  term: string | null;
  /** The column whose volume spiked or whose watch rule fired; null for the room and for terms. */
  columnId: string | null;
  onsetAt: number;
  /** When it could be known: the end of the minute, or of the running window, that crossed the threshold. */
  detectedAt: number;
  peakAt: number;
  peakCount: number;
  /** What the count was judged against; null for a watch rule, which has no baseline. */
  baseline: number | null;
  /** Newest first. */
  sampleIds: number[];
}

interface OpenMinute {
  count: number;
  /** Event time of each item, for the running 60 s window. */
  times: number[];
  /** The last few item ids of the minute, oldest first. */
  ids: number[];
  /** Per token, the first few item ids that carried it. */
  termIds: Map<string, number[]>;
  /** Per column: event times (running window) and its last few item ids. */
  columns: Map<string, { times: number[]; ids: number[] }>;
}

const minuteMs = 60_000;
const roomWide = '*';
/** A column's volume is its own stream in the spike detector. */
const columnStream = (columnId: string) => `column:${columnId}`;
const keptClosedMinutes = 15;

/** A column of the room, as detection watches it. */
export interface WatchedColumn {
  id: string;
  /** The team's own rule on top of spike detection, or null. */
  alert: ColumnAlert | null;
}

export interface RoomDetection {
  /** `columnIds`: the room's columns this item matches, whose volumes are watched too. */
  addItem(id: number, eventAt: number, text: string, columnIds?: readonly string[]): void;
  /**
   * The room's columns now. Each is measured every minute from then on, zeros included, so
   * a column that was empty until its moment (a hashtag nobody used yet) still has a baseline.
   */
  watchColumns(columns: readonly WatchedColumn[]): void;
  /** Closes the minutes that are over at `eventNow`; returns what they revealed. */
  advance(eventNow: number): DetectedMoment[];
  /** A dismissed moment: this term, this column (spikes and watch rule), or (both null) the room stays quiet until then. */
  suppress(what: { term: string | null; columnId: string | null }, untilEventMs: number): void;
  /** Items that came after their minute was closed (not counted). */
  lateItems(): number;
}

export function createRoomDetection(options: Partial<RoomDetectionOptions> = {}): RoomDetection {
  const opts: RoomDetectionOptions = {
    ...defaultRoomDetectionOptions,
    ...options,
    emerging: { ...defaultRoomDetectionOptions.emerging, ...options.emerging },
  };
  const spikes = createSpikeDetector(opts.spike);
  const emerging = createEmergingTerms(opts.emerging);
  const watches = createColumnWatch();
  const open = new Map<number, OpenMinute>();
  /** Recently closed minutes, kept for samples and onsets. */
  const closed = new Map<number, OpenMinute>();
  let closedThrough = Number.NEGATIVE_INFINITY;
  let lastCheck = Number.NEGATIVE_INFINITY;
  let late = 0;
  let watched: readonly string[] = [];
  /** Columns with a watch rule, by id. */
  let alerts = new Map<string, ColumnAlert>();

  const bucketAt = (minute: number): OpenMinute | undefined => open.get(minute) ?? closed.get(minute);

  function addItem(id: number, eventAt: number, text: string, columnIds: readonly string[] = []): void {
    const minute = eventAt - (eventAt % minuteMs);
    if (minute <= closedThrough) {
      late += 1;
      return;
    }
    let bucket = open.get(minute);
    if (!bucket) {
      bucket = { count: 0, times: [], ids: [], termIds: new Map(), columns: new Map() };
      open.set(minute, bucket);
    }
    bucket.count += 1;
    bucket.times.push(eventAt);
    bucket.ids.push(id);
    if (bucket.ids.length > opts.samplesPerMoment * 2) bucket.ids.shift();
    for (const columnId of columnIds) {
      let column = bucket.columns.get(columnId);
      if (!column) {
        column = { times: [], ids: [] };
        bucket.columns.set(columnId, column);
      }
      column.times.push(eventAt);
      column.ids.push(id);
      if (column.ids.length > opts.samplesPerMoment) column.ids.shift();
      if (alerts.has(columnId)) watches.add(columnId, eventAt);
    }
    const tokens = tokenize(text);
    for (const token of tokens) {
      const ids = bucket.termIds.get(token);
      if (!ids) bucket.termIds.set(token, [id]);
      else if (ids.length < opts.samplesPerMoment) ids.push(id);
    }
    emerging.addTokens(tokens, eventAt);
  }

  /** Newest first, from the given minutes: the room's items, a term's, or a column's. */
  function samplesOf(minutes: number[], term: string | null, columnId: string | null = null): number[] {
    const found: number[] = [];
    for (const minute of minutes) {
      const bucket = bucketAt(minute);
      if (!bucket) continue;
      const ids =
        columnId !== null
          ? (bucket.columns.get(columnId)?.ids ?? [])
          : term === null
            ? bucket.ids
            : (bucket.termIds.get(term) ?? []);
      for (let k = ids.length - 1; k >= 0 && found.length < opts.samplesPerMoment; k -= 1) {
        const id = ids[k];
        if (id !== undefined) found.push(id);
      }
      if (found.length >= opts.samplesPerMoment) break;
    }
    return found;
  }

  function closeMinute(minute: number, bucket: OpenMinute): DetectedMoment[] {
    closed.set(minute, bucket);
    for (const old of closed.keys()) {
      if (old > minute - keptClosedMinutes * minuteMs) break;
      closed.delete(old);
    }
    closedThrough = minute;
    const found: DetectedMoment[] = [];
    const detectedAt = minute + minuteMs;
    const spike = spikes.push(minute, bucket.count);
    if (spike) found.push(spikeMoment(spike, null, detectedAt, minute, [minute]));
    for (const columnId of new Set([...watched, ...bucket.columns.keys()])) {
      const count = bucket.columns.get(columnId)?.times.length ?? 0;
      const columnSpike = spikes.push(minute, count, columnStream(columnId));
      if (columnSpike) found.push(spikeMoment(columnSpike, columnId, detectedAt, minute, [minute]));
    }
    found.push(...emergedMoments(emerging.closeMinute(minute), detectedAt));
    return found;
  }

  function spikeMoment(
    spike: Detection,
    columnId: string | null,
    detectedAt: number,
    peakAt: number,
    sampleMinutes: number[],
  ): DetectedMoment {
    return {
      kind: 'spike',
      term: null,
      columnId,
      onsetAt: spike.onsetMs,
      detectedAt,
      peakAt,
      peakCount: spike.count,
      baseline: spike.baseline,
      sampleIds: samplesOf(sampleMinutes, null, columnId),
    };
  }

  function emergedMoments(terms: EmergingTerm[], detectedAt: number): DetectedMoment[] {
    return terms.map((term) => {
      // The rise began with the first minute of the window in which the term was said.
      const windowMinutes: number[] = [];
      for (let m = term.minuteMs - (defaultWindow(opts) - 1) * minuteMs; m <= term.minuteMs; m += minuteMs)
        windowMinutes.push(m);
      const onset = windowMinutes.find((m) => bucketAt(m)?.termIds.has(term.term)) ?? term.minuteMs;
      return {
        kind: 'emerging',
        term: term.term,
        columnId: null,
        onsetAt: onset,
        detectedAt,
        peakAt: term.minuteMs,
        peakCount: term.count,
        baseline: term.expected,
        sampleIds: samplesOf([...windowMinutes].reverse(), term.term),
      };
    });
  }

  /** The running window at `eventNow`: room-wide over the last 60 s, terms over their window. */
  function checkRunning(eventNow: number): DetectedMoment[] {
    const found: DetectedMoment[] = [];
    const from = eventNow - minuteMs;
    const minutes = [from - (from % minuteMs), eventNow - (eventNow % minuteMs)];
    const inWindow = (times: readonly number[]) => times.filter((at) => at > from && at <= eventNow).length;
    const peakAt = eventNow - (eventNow % minuteMs);
    const newestFirst = [...new Set(minutes)].reverse();
    let count = 0;
    const columnCounts = new Map<string, number>();
    for (const minute of new Set(minutes)) {
      const bucket = bucketAt(minute);
      if (!bucket) continue;
      count += inWindow(bucket.times);
      for (const [columnId, column] of bucket.columns)
        columnCounts.set(columnId, (columnCounts.get(columnId) ?? 0) + inWindow(column.times));
    }
    const spike = spikes.peek(eventNow, count);
    if (spike) found.push(spikeMoment(spike, null, eventNow, peakAt, newestFirst));
    for (const [columnId, columnCount] of columnCounts) {
      const columnSpike = spikes.peek(eventNow, columnCount, columnStream(columnId));
      if (columnSpike) found.push(spikeMoment(columnSpike, columnId, eventNow, peakAt, newestFirst));
    }
    found.push(...emergedMoments(emerging.check(eventNow), eventNow));
    return found;
  }

  /** Watch rules, judged at every advance: the team asked to hear about the first post. */
  function checkWatches(eventNow: number): DetectedMoment[] {
    const found: DetectedMoment[] = [];
    for (const [columnId, alert] of alerts) {
      const hit = watches.check(columnId, alert, eventNow);
      if (!hit) continue;
      const newestFirst: number[] = [];
      for (let m = hit.lastMs - (hit.lastMs % minuteMs); m >= hit.onsetMs - (hit.onsetMs % minuteMs); m -= minuteMs)
        newestFirst.push(m);
      found.push({
        kind: 'watch',
        term: null,
        columnId,
        onsetAt: hit.onsetMs,
        detectedAt: eventNow,
        peakAt: hit.lastMs,
        peakCount: hit.count,
        baseline: null,
        sampleIds: samplesOf(newestFirst, null, columnId),
      });
    }
    return found;
  }

  function advance(eventNow: number): DetectedMoment[] {
    const found: DetectedMoment[] = [];
    const due = [...open.keys()].filter((minute) => minute + minuteMs + opts.graceMs <= eventNow).sort((a, b) => a - b);
    for (const minute of due) {
      const bucket = open.get(minute);
      open.delete(minute);
      if (bucket) found.push(...closeMinute(minute, bucket));
    }
    if (opts.checkEveryMs > 0 && eventNow - lastCheck >= opts.checkEveryMs) {
      lastCheck = eventNow - (eventNow % opts.checkEveryMs);
      found.push(...checkRunning(eventNow));
    }
    found.push(...checkWatches(eventNow));
    return found;
  }

  return {
    addItem,
    watchColumns(columns) {
      watched = columns.map((column) => column.id);
      alerts = new Map(columns.flatMap((column) => (column.alert ? [[column.id, column.alert] as const] : [])));
    },
    advance,
    suppress({ term, columnId }, untilEventMs) {
      if (columnId !== null) {
        spikes.suppress(columnStream(columnId), untilEventMs);
        watches.suppress(columnId, untilEventMs);
      } else if (term === null) spikes.suppress(roomWide, untilEventMs);
      else emerging.suppress(term, untilEventMs);
    },
    lateItems: () => late,
  };
}

function defaultWindow(opts: RoomDetectionOptions): number {
  return opts.emerging.windowMinutes ?? defaultEmergingOptions.windowMinutes;
}
