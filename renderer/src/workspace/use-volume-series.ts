import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Column, VolumeOutput } from '../../../shared/columns/column';
import { combineMinuteCounts } from '../../../shared/columns/minute-counts';
import { api } from '../api';

export type MinuteCount = VolumeOutput['minutes'][number];

/** One column's items per minute over the same range as the room's (its name is the column's). */
export interface ColumnSeries {
  columnId: string;
  minutes: MinuteCount[];
}

export interface VolumeData {
  room: VolumeOutput;
  columns: ColumnSeries[];
}

const refreshMs = 2000;

/** What, when it changes, means the series must be asked for again. */
export const seriesKey = (columns: readonly Column[]) =>
  columns.map((column) => `${column.id}:${column.query}:${JSON.stringify(column.filters)}`).join('|');

/**
 * Items per minute for the room and for each column, on one time range (the room's answer
 * sets it, and its `throughId` bounds the columns, so their counts line up with the bars).
 * Refreshed at most every two seconds while items arrive, one state update per refresh.
 * A refresh asks only for the items stored since the last answer and adds them: stored
 * items never change, so the sum stays exact, and it costs what arrived, not three hours.
 */
export function useVolumeSeries(
  roomId: string,
  columns: readonly Column[],
  zoom: { from: number; to: number } | null,
): VolumeData | null {
  const [data, setData] = useState<VolumeData | null>(null);
  const key = seriesKey(columns);
  // Read through the key: a rename or a pause needs no refetch.
  const columnsRef = useRef(columns);
  useLayoutEffect(() => {
    columnsRef.current = columns;
  });

  useEffect(() => {
    let live = true;
    let timer = 0;
    let dirty = false;
    let inFlight = false;
    /** The last complete answer for this range and these columns: what a refresh adds to. */
    let held: VolumeData | null = null;
    const load = async () => {
      if (inFlight) {
        dirty = true;
        return;
      }
      inFlight = true;
      try {
        const previous = held;
        const since = previous ? { afterId: previous.room.throughId } : {};
        const room = await api.columns.volume({ roomId, ...(zoom ?? {}), ...since });
        if (!room.ok || !live) return;
        const { from, to, throughId } = room.value;
        const asked = columnsRef.current;
        const answers = await Promise.all(
          asked.map((column) => api.columns.volume({ roomId, columnId: column.id, from, to, throughId, ...since })),
        );
        if (!live) return;
        const range = { from, to };
        const grown = (before: readonly MinuteCount[] | undefined, arrived: MinuteCount[]) =>
          previous ? combineMinuteCounts(before ?? [], arrived, 1, range) : arrived;
        const series = asked.flatMap((column, index) => {
          const answer = answers[index];
          const before = previous?.columns.find((s) => s.columnId === column.id)?.minutes;
          return answer?.ok ? [{ columnId: column.id, minutes: grown(before, answer.value.minutes) }] : [];
        });
        const next = {
          room: { ...room.value, minutes: grown(previous?.room.minutes, room.value.minutes) },
          columns: series,
        };
        // A column that could not be counted this time has a hole: count everything again next time.
        held = series.length === asked.length ? next : null;
        setData(next);
      } finally {
        inFlight = false;
      }
    };
    void load();
    const off = api.on('items.added', (payload) => {
      if (payload.roomId !== roomId) return;
      dirty = true;
      if (timer !== 0) return;
      timer = window.setTimeout(() => {
        timer = 0;
        if (!dirty) return;
        dirty = false;
        void load();
      }, refreshMs);
    });
    return () => {
      live = false;
      off();
      window.clearTimeout(timer);
    };
  }, [roomId, zoom, key]);

  return data;
}
