import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Column, VolumeOutput } from '../../../shared/columns/column';
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
 * sets it, so the columns' counts line up with the bars). Refreshed at most every two
 * seconds while items arrive; one state update per refresh.
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
    const load = async () => {
      if (inFlight) {
        dirty = true;
        return;
      }
      inFlight = true;
      try {
        const room = await api.columns.volume({ roomId, ...(zoom ?? {}) });
        if (!room.ok || !live) return;
        const range = { from: room.value.from, to: room.value.to };
        const asked = columnsRef.current;
        const answers = await Promise.all(
          asked.map((column) => api.columns.volume({ roomId, columnId: column.id, ...range })),
        );
        if (!live) return;
        const series = asked.flatMap((column, index) => {
          const answer = answers[index];
          return answer?.ok ? [{ columnId: column.id, minutes: answer.value.minutes }] : [];
        });
        setData({ room: room.value, columns: series });
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
