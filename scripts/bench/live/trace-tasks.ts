/**
 * Reads a Chrome trace (Playwright `browser.startTracing`) for the page's longest main-thread
 * tasks and what filled them: the longtask observer says only that a task was long, the
 * trace says whether it was script (and which), style, layout, paint or garbage collection.
 */

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}
export interface TraceFile {
  traceEvents: TraceEvent[];
}

export const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
];

export interface TaskBreakdown {
  durationMs: number;
  /** Milliseconds offset from the first event in the trace. */
  atMs: number;
  /** The biggest kinds of work inside the task, in ms, largest first. */
  parts: Record<string, number>;
  /** Script entry points (function @ url:line) inside the task, the longest first. */
  scripts: string[];
}

const round = (value: number) => Math.round(value * 10) / 10;

function mainThreads(events: readonly TraceEvent[]): Set<string> {
  const threads = new Set<string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain') {
      threads.add(`${event.pid}:${event.tid}`);
    }
  }
  return threads;
}

function describeScript(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  const fn = typeof data.functionName === 'string' && data.functionName !== '' ? data.functionName : event.name;
  const url = typeof data.url === 'string' ? (data.url.split('/').pop() ?? '') : '';
  const line = typeof data.lineNumber === 'number' ? `:${data.lineNumber}` : '';
  const type = typeof data.type === 'string' ? ` (${data.type})` : '';
  return `${fn}${type} @ ${url}${line}`;
}

/** The `count` longest top-level tasks on the renderer's main thread. */
export function longestTasks(trace: TraceFile, count: number): TaskBreakdown[] {
  const events = trace.traceEvents;
  const threads = mainThreads(events);
  const onMain = events.filter((event) => event.ph === 'X' && threads.has(`${event.pid}:${event.tid}`));
  const origin = Math.min(...events.filter((event) => event.ts > 0).map((event) => event.ts));
  const tasks = onMain
    .filter((event) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask')
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, count);
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const inside = onMain.filter(
      (event) => event !== task && event.tid === task.tid && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= end,
    );
    const parts = new Map<string, number>();
    for (const event of inside) {
      if (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask') continue;
      parts.set(event.name, (parts.get(event.name) ?? 0) + (event.dur ?? 0) / 1000);
    }
    const scripts = inside
      .filter((event) => event.name === 'FunctionCall' || event.name === 'EventDispatch' || event.name === 'TimerFire')
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 4)
      .map((event) => `${describeScript(event)} ${round((event.dur ?? 0) / 1000)}ms`);
    const top = [...parts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    return {
      durationMs: round((task.dur ?? 0) / 1000),
      atMs: round((task.ts - origin) / 1000),
      parts: Object.fromEntries(top.map(([name, ms]) => [name, round(ms)])),
      scripts,
    };
  });
}
