import type { Browser } from '@playwright/test';

/**
 * Installed before the page's own scripts: the time (performance.now(), so from the start
 * of navigation) of the first animation frame after a timeline row is in the page. Source
 * text, like the other in-page probes: tsx's helpers do not exist in the page.
 */
const firstItemsProbe = `(() => {
  const probe = { at: null };
  window.__firstItems = probe;
  const seen = () => document.querySelector('[role="feed"] article[data-item-id]') !== null;
  const observer = new MutationObserver(() => {
    if (probe.at !== null || !seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => { probe.at = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

export interface FirstItemsReading {
  /** Milliseconds from navigation start to the first frame with timeline rows, per cold load. */
  samples: number[];
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
  loads: number,
): Promise<FirstItemsReading> {
  const samples: number[] = [];
  for (let load = 0; load < loads; load++) {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1600, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(firstItemsProbe);
      await page.goto(`${loginUrl}#/rooms/${roomId}`);
      // Polled from here: the page's CSP (script-src 'self') refuses waitForFunction's string.
      await page.getByRole('feed').getByRole('article').first().waitFor({ timeout: 30_000 });
      let at: number | null = null;
      while (at === null) {
        at = (await page.evaluate('window.__firstItems ? window.__firstItems.at : null')) as number | null;
      }
      samples.push(at);
    } finally {
      await context.close();
    }
  }
  return { samples };
}
