import type { Browser, Page } from '@playwright/test';

/**
 * Installed before the page's own scripts: the time (performance.now(), so from the start
 * of navigation) of the first animation frame after a timeline row is in the page, and
 * when each step before it happened (socket, first answer, first large answer, the room's
 * header, the feed, its rows) with the page's long tasks, so a slow load says where its
 * time went. Source text, like the other in-page probes: tsx's helpers do not exist in
 * the page.
 */
const firstItemsProbe = `(() => {
  const probe = { at: null, phases: {} };
  window.__firstItems = probe;
  const mark = (name) => { if (probe.phases[name] === undefined) probe.phases[name] = Math.round(performance.now()); };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      mark('socketCreated');
      this.addEventListener('open', () => mark('socketOpen'));
      this.addEventListener('message', (event) => {
        mark('firstAnswer');
        if (typeof event.data === 'string' && event.data.length > 8000) mark('firstBigAnswer');
      });
    }
  };
  document.addEventListener('DOMContentLoaded', () => mark('domContentLoaded'));
  const seen = () => document.querySelector('[role="feed"] article[data-item-id]') !== null;
  const observer = new MutationObserver(() => {
    if (document.querySelector('.room-header')) mark('roomHeader');
    if (document.querySelector('[role="feed"]')) mark('feed');
    if (probe.at !== null || !seen()) return;
    mark('rows');
    observer.disconnect();
    requestAnimationFrame(() => { probe.at = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      probe.longTasks = (probe.longTasks || []).concat(list.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]));
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})()`;

/** Where one cold load spent its time: milliseconds from navigation start. */
export interface FirstItemsPhases {
  phases: Record<string, number>;
  /** The page's scripts and styles fetched (the last one's end). */
  assetsLoaded: number;
  /** [start, duration] of each task longer than 50 ms. */
  longTasks: [number, number][];
}

export interface FirstItemsReading {
  /** Milliseconds from navigation start to the first frame with timeline rows, per cold load. */
  samples: number[];
  /** The same loads, step by step. */
  loads: (FirstItemsPhases & { at: number })[];
}

/**
 * Opens the room in a fresh browser context each time (no cached chunks, a new session
 * cookie from the login address), with its columns already saved, and reads when the
 * first posts are on screen.
 */
export async function measureFirstItems(
  browser: Browser,
  loginUrl: string,
  roomId: string,
  count: number,
  profile?: (page: Page) => Promise<() => Promise<void>>,
): Promise<FirstItemsReading> {
  const samples: number[] = [];
  const loads: FirstItemsReading['loads'] = [];
  for (let load = 0; load < count; load++) {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1600, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(firstItemsProbe);
      const stopProfile = load === 0 && profile ? await profile(page) : undefined;
      await page.goto(`${loginUrl}#/rooms/${roomId}`);
      // Polled from here (the page's CSP, script-src 'self', refuses waitForFunction's string),
      // and by the probe alone: Playwright's role locators would walk the page's tree while it
      // starts and take main-thread time from what is measured.
      const deadline = Date.now() + 30_000;
      let at: number | null = null;
      while (at === null) {
        if (Date.now() > deadline) throw new Error('no timeline rows within 30 s');
        at = (await page.evaluate('window.__firstItems ? window.__firstItems.at : null')) as number | null;
        if (at === null) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await stopProfile?.();
      samples.push(at);
      loads.push({ at: Math.round(at), ...(await phasesOf(page)) });
    } finally {
      await context.close();
    }
  }
  return { samples, loads };
}

async function phasesOf(page: Page): Promise<FirstItemsPhases> {
  return (await page.evaluate(`(() => {
    const probe = window.__firstItems;
    const assets = performance.getEntriesByType('resource').filter((entry) => /\\.(js|css)$/.test(entry.name));
    return {
      phases: probe.phases,
      assetsLoaded: Math.round(Math.max(0, ...assets.map((entry) => entry.responseEnd))),
      longTasks: probe.longTasks || [],
      resources: performance.getEntriesByType('resource').slice(0, 8).map((entry) => [entry.name.split('/').pop(), Math.round(entry.startTime), Math.round(entry.responseEnd)]),
      navigation: performance.getEntriesByType('navigation').map((entry) => [Math.round(entry.redirectEnd), Math.round(entry.responseStart), Math.round(entry.responseEnd)]),
    };
  })()`)) as FirstItemsPhases;
}
