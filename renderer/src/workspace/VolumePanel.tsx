import {
  axisBottom,
  brushX,
  line,
  pointer,
  scaleLinear,
  scaleTime,
  schemeTableau10,
  select,
  type D3BrushEvent,
} from 'd3';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Column, ItemTimeRange } from '../../../shared/columns/column';
import type { Room } from '../../../shared/rooms/room';
import { useMoments } from '../moments/use-moments';
import { useVolumeSeries, type MinuteCount } from './use-volume-series';
import { minuteTicks } from './volume-axis';
import { shownMoment, VolumeMoments } from './VolumeMoments';

// The chart's share of the panel: its header takes the rest.
const headerHeight = 40;
const margin = { top: 8, right: 12, bottom: 22, left: 12 };
const minuteMs = 60_000;
/** Half the width of a time label such as "12:55 AM", in px. */
const edgeLabelRoom = 32;
// Past this many minutes a line point per minute is more than the chart has pixels for.
const maxDenseMinutes = 4 * 24 * 60;

export const seriesColor = (index: number) => schemeTableau10[index % schemeTableau10.length] ?? 'currentColor';
export const minuteOf = (at: number) => Math.floor(at / minuteMs) * minuteMs;

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Every minute of [from, to), zero where nothing was counted: a line must not skip quiet minutes. */
function dense(minutes: readonly MinuteCount[], from: number, to: number): MinuteCount[] {
  if ((to - from) / minuteMs > maxDenseMinutes) return minutes.slice();
  const counts = new Map(minutes.map((minute) => [minute.minute, minute.count]));
  const all: MinuteCount[] = [];
  for (let minute = minuteOf(from); minute < to; minute += minuteMs)
    all.push({ minute, count: counts.get(minute) ?? 0 });
  return all;
}

interface VolumePanelProps {
  room: Pick<Room, 'id' | 'timeZone'>;
  height: number;
  columns: readonly Column[];
  /** The minute the columns are narrowed to, drawn as picked. */
  picked: ItemTimeRange | null;
  onPickMinute: (range: ItemTimeRange) => void;
}

/**
 * Items per minute (d3): bars for the room, a line per column, moments on the time axis.
 * Hover for a minute's count, drag to zoom, click a minute to narrow the columns to it.
 */
export function VolumePanel({ room, height: panelHeight, columns, picked, onPickMinute }: VolumePanelProps) {
  const height = Math.max(60, panelHeight - headerHeight);
  const { t, i18n } = useTranslation('workspace');
  const headingId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<SVGGElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const width = useWidth(boxRef);
  const [zoom, setZoom] = useState<{ from: number; to: number } | null>(null);
  const data = useVolumeSeries(room.id, columns, zoom);
  const { moments } = useMoments(room.id);
  const [hover, setHover] = useState<{ minute: number; count: number } | null>(null);
  const pick = useRef(onPickMinute);
  useEffect(() => {
    pick.current = onPickMinute;
  });

  const time = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: room.timeZone }),
    [i18n.language, room.timeZone],
  );
  const from = data?.room.from ?? 0;
  const to = data?.room.to ?? 1;
  const x = useMemo(
    () =>
      scaleTime()
        .domain([from, to])
        .range([margin.left, width - margin.right]),
    [from, to, width],
  );
  const names = new Map(columns.map((column, index) => [column.id, { name: column.name, index }]));
  const lines = useMemo(
    () =>
      (data?.columns ?? []).map((series) => ({ columnId: series.columnId, points: dense(series.minutes, from, to) })),
    [data, from, to],
  );
  const max = Math.max(
    1,
    ...(data?.room.minutes.map((minute) => minute.count) ?? []),
    ...lines.flatMap((series) => series.points.map((point) => point.count)),
  );
  const y = scaleLinear<number, number>()
    .domain([0, max])
    .range([height - margin.bottom, margin.top]);
  const barWidth = Math.max(1, x(minuteMs) - x(0) - 1);
  const path = line<MinuteCount>()
    .x((point) => x(point.minute + minuteMs / 2))
    .y((point) => y(point.count));

  useEffect(() => {
    if (!axisRef.current) return;
    const axis = select(axisRef.current).call(
      axisBottom(x)
        .tickValues(minuteTicks(x, Math.max(2, Math.floor(width / 90))))
        .tickFormat((value) => time.format(value as Date)),
    );
    // A label centred on a tick at either end of the axis would be cut off: anchor it inwards.
    const [left = 0, right = width] = x.range();
    axis.selectAll<SVGGElement, Date>('.tick').each(function anchorInside(tick) {
      const at = x(tick);
      const anchor = at - left < edgeLabelRoom ? 'start' : right - at < edgeLabelRoom ? 'end' : 'middle';
      select(this).select('text').attr('text-anchor', anchor);
    });
  }, [x, width, time]);

  useEffect(() => {
    if (!brushRef.current) return;
    const group = select(brushRef.current);
    const minuteAt = (event: MouseEvent) => minuteOf(x.invert(pointer(event, brushRef.current)[0]).getTime());
    const brush = brushX<unknown>()
      .extent([
        [margin.left, margin.top],
        [width - margin.right, height - margin.bottom],
      ])
      .on('end', (event: D3BrushEvent<unknown>) => {
        const selection = event.selection as [number, number] | null;
        if (!selection) {
          // A click without a drag ends an empty brush: that is "this minute". Clearing the
          // brush from code ends one too, without a source event.
          const source: unknown = event.sourceEvent;
          if (source instanceof MouseEvent) {
            const minute = minuteAt(source);
            pick.current({ from: minute, to: minute + minuteMs });
          }
          return;
        }
        const start = minuteOf(x.invert(selection[0]).getTime());
        const end = Math.ceil(x.invert(selection[1]).getTime() / minuteMs) * minuteMs;
        group.call(brush.move, null);
        if (end - start >= minuteMs) setZoom({ from: start, to: end });
      });
    group.call(brush);
    const counts = new Map(data?.room.minutes.map((minute) => [minute.minute, minute.count]));
    group.on('mousemove.readout', (event: MouseEvent) => {
      const minute = minuteAt(event);
      setHover((current) => (current?.minute === minute ? current : { minute, count: counts.get(minute) ?? 0 }));
    });
    group.on('mouseleave.readout', () => setHover(null));
    return () => {
      group.on('.brush', null).on('.readout', null);
    };
  }, [x, width, data, height]);

  return (
    <section className="volume-panel" aria-labelledby={headingId}>
      <header className="volume-head">
        <h2 id={headingId}>{t('volume.title')}</h2>
        {data && (
          <span className="muted">
            {t('volume.range', { from: time.format(data.room.from), to: time.format(data.room.to) })}
          </span>
        )}
        <span role="status" className="volume-readout">
          {hover ? t('volume.readout', { time: time.format(hover.minute), count: hover.count }) : t('volume.hint')}
        </span>
        <span className="spacer" />
        {lines.length > 0 && (
          <ul className="volume-legend" aria-label={t('volume.seriesLegend')}>
            <li>
              <span className="swatch room-swatch" aria-hidden="true" />
              {t('volume.allColumns')}
            </li>
            {lines.map((series) => {
              const column = names.get(series.columnId);
              return column ? (
                <li key={series.columnId}>
                  <span className="swatch" style={{ background: seriesColor(column.index) }} aria-hidden="true" />
                  {column.name}
                </li>
              ) : null;
            })}
          </ul>
        )}
        {zoom && (
          <button type="button" onClick={() => setZoom(null)}>
            {t('volume.resetZoom')}
          </button>
        )}
      </header>
      <div ref={boxRef} className="volume-box">
        <svg width={width} height={height} role="img" aria-label={t('volume.chartLabel')}>
          {data?.room.minutes.map((minute) => (
            <rect
              key={minute.minute}
              className={`volume-bar${picked?.from === minute.minute ? ' picked' : ''}`}
              x={x(minute.minute)}
              y={y(minute.count)}
              width={barWidth}
              height={Math.max(0, height - margin.bottom - y(minute.count))}
            />
          ))}
          {lines.map((series) => {
            const column = names.get(series.columnId);
            return column ? (
              <path
                key={series.columnId}
                className="volume-line"
                d={path(series.points) ?? ''}
                stroke={seriesColor(column.index)}
              />
            ) : null;
          })}
          {moments.map((moment) =>
            shownMoment(moment) && moment.onsetAt >= from && moment.onsetAt < to ? (
              <line
                key={moment.id}
                className="volume-moment-line"
                x1={x(moment.onsetAt)}
                x2={x(moment.onsetAt)}
                y1={margin.top}
                y2={height - margin.bottom}
              />
            ) : null,
          )}
          <g ref={axisRef} className="volume-axis" transform={`translate(0,${height - margin.bottom})`} />
          <g ref={brushRef} />
        </svg>
        {data && (
          <VolumeMoments
            moments={moments}
            x={x}
            from={from}
            to={to}
            formatTime={(at) => time.format(at)}
            onPick={(at) => onPickMinute({ from: minuteOf(at), to: minuteOf(at) + minuteMs })}
          />
        )}
      </div>
    </section>
  );
}
