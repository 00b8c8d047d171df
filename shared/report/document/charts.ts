import { area, line, max, scaleLinear } from 'd3';
import type { ReportFigures } from '../figures';
import { escapeHtml } from './words';

/**
 * The report's charts as SVG markup drawn with d3's scales and path generators (no DOM),
 * so the same drawing goes in the Report view, the HTML file and the PDF without a script.
 */

interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const main: Box = { width: 760, height: 240, left: 44, right: 12, top: 26, bottom: 28 };
const small: Box = { width: 236, height: 70, left: 4, right: 4, top: 18, bottom: 4 };

const momentColour: Record<string, string> = {
  spike: '#d9480f',
  emerging: '#7048e8',
  watch: '#c2255c',
  manual: '#1971c2',
  scheduled: '#5c940d',
};

/** Every minute of the span, zero where no item fell, so lines drop to 0 over quiet minutes. */
function filled(
  points: ReadonlyArray<{ minute: number; count: number }>,
  from: number,
  to: number,
): Array<[number, number]> {
  const byMinute = new Map(points.map((point) => [point.minute, point.count]));
  const out: Array<[number, number]> = [];
  const step = Math.max(60_000, Math.ceil((to - from) / 60_000 / 1500) * 60_000);
  for (let minute = from; minute < to; minute += step) {
    let count = 0;
    for (let m = minute; m < minute + step; m += 60_000) count = Math.max(count, byMinute.get(m) ?? 0);
    out.push([minute, count]);
  }
  return out;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function volumeChart(
  timeline: ReportFigures['timeline'],
  labels: { title: string; cue: string; moment: string; published: string },
  time: (at: number) => string,
): string {
  const { width, height, left, right, top, bottom } = main;
  const points = filled(timeline.volume, timeline.from, timeline.to);
  const x = scaleLinear()
    .domain([timeline.from, Math.max(timeline.to, timeline.from + 60_000)])
    .range([left, width - right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(points, (point) => point[1]) ?? 1)])
    .nice()
    .range([height - bottom, top]);
  const shape = area<[number, number]>()
    .x((point) => round(x(point[0])))
    .y0(height - bottom)
    .y1((point) => round(y(point[1])))(points);
  const yTicks = y
    .ticks(4)
    .map(
      (tick) =>
        `<g><line x1="${left}" x2="${width - right}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="#dee2e6"/>` +
        `<text x="${left - 6}" y="${round(y(tick)) + 4}" text-anchor="end">${tick}</text></g>`,
    )
    .join('');
  const xTicks = x
    .ticks(6)
    .map(
      (tick) => `<text x="${round(x(tick))}" y="${height - 8}" text-anchor="middle">${escapeHtml(time(tick))}</text>`,
    )
    .join('');
  const inside = (at: number) => at >= timeline.from && at <= timeline.to;
  const cues = timeline.cues
    .filter((cue) => inside(cue.at))
    .map(
      (cue) =>
        `<line x1="${round(x(cue.at))}" x2="${round(x(cue.at))}" y1="${top}" y2="${height - bottom}" stroke="#5c940d" stroke-dasharray="3 3"><title>${escapeHtml(cue.label)}</title></line>`,
    )
    .join('');
  const moments = timeline.moments
    .filter((moment) => inside(moment.at))
    .map((moment) => {
      const cx = round(x(moment.at));
      return `<path d="M${cx - 5},${top - 12}L${cx + 5},${top - 12}L${cx},${top - 3}Z" fill="${momentColour[moment.kind] ?? '#495057'}"/>`;
    })
    .join('');
  const published = timeline.published
    .filter((post) => inside(post.at))
    .map((post) => `<circle cx="${round(x(post.at))}" cy="${height - bottom}" r="4.5" fill="#2b8a3e" stroke="#fff"/>`)
    .join('');
  const legend =
    `<g class="legend" transform="translate(${left},12)">` +
    `<line x1="0" x2="14" y1="-4" y2="-4" stroke="#5c940d" stroke-dasharray="3 3"/><text x="18" y="0">${labels.cue}</text>` +
    `<path d="M110,-8L120,-8L115,0Z" fill="#d9480f"/><text x="124" y="0">${labels.moment}</text>` +
    `<circle cx="215" cy="-4" r="4.5" fill="#2b8a3e"/><text x="224" y="0">${labels.published}</text></g>`;
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${labels.title}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${labels.title}</title>${yTicks}<path d="${shape ?? ''}" fill="#4c6ef5" fill-opacity="0.35" stroke="#364fc7" stroke-width="1"/>` +
    `${cues}${moments}${published}${xTicks}${legend}</svg>`
  );
}

/** One small chart per column, on a shared y scale so their heights compare (share of voice). */
export function columnCharts(
  timeline: ReportFigures['timeline'],
  caption: (name: string, share: number) => string,
): string {
  const { width, height, left, right, top, bottom } = small;
  const series = timeline.columns.map((column) => ({
    column,
    points: filled(column.series, timeline.from, timeline.to),
  }));
  const highest = Math.max(1, ...series.flatMap(({ points }) => points.map((point) => point[1])));
  const x = scaleLinear()
    .domain([timeline.from, Math.max(timeline.to, timeline.from + 60_000)])
    .range([left, width - right]);
  const y = scaleLinear()
    .domain([0, highest])
    .range([height - bottom, top]);
  const path = line<[number, number]>()
    .x((point) => round(x(point[0])))
    .y((point) => round(y(point[1])));
  return series
    .map(
      ({ column, points }) =>
        `<figure class="small-chart"><svg viewBox="0 0 ${width} ${height}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">` +
        `<text x="${left}" y="12">${caption(column.name, column.share)}</text>` +
        `<path d="${path(points) ?? ''}" fill="none" stroke="#364fc7" stroke-width="1.2"/></svg></figure>`,
    )
    .join('');
}
