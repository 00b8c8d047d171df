/**
 * Code the live benchmark runs inside the page. Kept as source text: tsx compiles functions
 * with helpers (`__name`) that do not exist in the page, so they cannot be passed as functions.
 */

export interface LiveProbeReading {
  latencies: number[];
  longestTask: number;
  longTasks: number;
}

export interface ScrollReading {
  fps: number;
  worstFrameMs: number;
  longestTask: number;
  scrolledPx: number;
  deepestIndex: number;
}

/**
 * Watches rows enter the page: for each item published after the probe started, the time
 * from its publishedAt (a replay's emission time) to the first animation frame after its
 * row was added. Also keeps the longest main-thread task.
 */
export const startLiveProbe = `(() => {
  const probe = { latencies: [], seen: new Set(), longestTask: 0, longTasks: 0, startedAt: Date.now() };
  window.__liveProbe = probe;
  const waiting = [];
  let frame = 0;
  const stamp = () => {
    frame = 0;
    const at = Date.now();
    for (const publishedAt of waiting.splice(0)) probe.latencies.push(at - publishedAt);
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        const rows = node.matches('article[data-item-id]') ? [node] : node.querySelectorAll('article[data-item-id]');
        for (const row of rows) {
          const id = row.getAttribute('data-item-id');
          const publishedAt = Number(row.getAttribute('data-published-at'));
          if (!id || probe.seen.has(id) || !(publishedAt >= probe.startedAt)) continue;
          probe.seen.add(id);
          waiting.push(publishedAt);
        }
      }
    }
    if (waiting.length > 0 && frame === 0) frame = requestAnimationFrame(stamp);
  }).observe(document.body, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks += 1;
      probe.longestTask = Math.max(probe.longestTask, entry.duration);
    }
  }).observe({ type: 'longtask' });
})()`;

export const readLiveProbe = `(() => {
  const probe = window.__liveProbe;
  return { latencies: probe.latencies, longestTask: probe.longestTask, longTasks: probe.longTasks };
})()`;

/** Scrolls a feed down at a steady speed for a while, counting animation frames. */
export function scrollProbe(feedLabel: string, durationMs: number, pxPerSecond: number): string {
  return `new Promise((resolve) => {
  const feed = document.querySelector(${JSON.stringify(`[role="feed"][aria-label="${feedLabel}"]`)});
  if (!feed) throw new Error('no feed');
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  let start = 0, last = 0, frames = 0, worst = 0, deepest = 0;
  const tick = () => {
    const now = performance.now();
    if (start === 0) { start = now; last = now; }
    else { frames += 1; worst = Math.max(worst, now - last); last = now; }
    feed.scrollTop = ((now - start) / 1000) * ${pxPerSecond};
    for (const row of feed.querySelectorAll('[data-index]')) deepest = Math.max(deepest, Number(row.getAttribute('data-index')));
    if (now - start < ${durationMs}) { requestAnimationFrame(tick); return; }
    observer.disconnect();
    resolve({ fps: frames / ((now - start) / 1000), worstFrameMs: worst, longestTask, scrolledPx: feed.scrollTop, deepestIndex: deepest });
  };
  requestAnimationFrame(tick);
})`;
}
