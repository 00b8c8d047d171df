/**
 * Deck density (issue 18): how many columns and posts a person sees at 1440×900 with the
 * side panel open, on the demo war room as a first start opens it (serve mode on 127.0.0.1,
 * Chromium as in scripts/bench/live.ts). Run from `npm run bench -- ux --json`, which prints
 * the figures this returns; it expects the build (`npm run build`) to be there.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServeMode, stopServeMode } from '../../../e2e/fixtures/serve-process';
import { readDensity, type DensityReading } from './density-probe';

export interface DensityFigure {
  name: 'ux.posts_per_column' | 'ux.columns_visible';
  value: number;
  limit: number;
  comparison: '>=';
  pass: boolean;
  [detail: string]: unknown;
}

export const densityLimits = { postsPerColumn: 8, columnsVisible: 4 } as const;
export const densityViewport = { width: 1440, height: 900 } as const;

/** Until a column has more posts than it can show (the demo replay fills them in seconds). */
export async function waitForFullColumn(page: Page, timeoutMs = 90_000): Promise<DensityReading> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reading = (await page.evaluate(readDensity)) as DensityReading;
    if (reading.postsInFullColumns.length > 0 || Date.now() > deadline) return reading;
    await page.waitForTimeout(500);
  }
}

function chromiumPath(): string | undefined {
  return process.env.RIPOSTE_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

/** Starts the demo room, measures, stops everything; `browser` is reused when given. */
export async function measureDensity(options: { browser?: Browser } = {}): Promise<DensityFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-bench-density-'));
  let host: Awaited<ReturnType<typeof startServeMode>> | undefined;
  let browser = options.browser;
  const ownBrowser = browser === undefined;
  try {
    host = await startServeMode(dataDir);
    if (!browser) {
      const executablePath = chromiumPath();
      browser = await chromium.launch({
        ...(executablePath ? { executablePath } : {}),
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
    }
    const context = await browser.newContext({ locale: 'en-GB', viewport: densityViewport });
    try {
      const page = await context.newPage();
      // A first start opens the demo room by itself.
      await page.goto(host.loginUrl);
      await page.getByRole('feed').first().waitFor();
      await page.getByRole('tablist', { name: 'Side panels' }).waitFor();
      const reading = await waitForFullColumn(page);
      const posts = reading.postsInFullColumns.length > 0 ? Math.min(...reading.postsInFullColumns) : 0;
      return [
        {
          name: 'ux.posts_per_column',
          value: posts,
          limit: densityLimits.postsPerColumn,
          comparison: '>=',
          pass: posts >= densityLimits.postsPerColumn,
          viewport: '1440x900',
          fullColumns: reading.postsInFullColumns,
          cutAuthorNames: reading.cutAuthors.length,
          note: 'fully visible posts in the fullest visible columns, side panel open, compact cards',
        },
        {
          name: 'ux.columns_visible',
          value: reading.columnsVisible,
          limit: densityLimits.columnsVisible,
          comparison: '>=',
          pass: reading.columnsVisible >= densityLimits.columnsVisible,
          viewport: '1440x900',
          note: 'columns wholly inside the columns row beside the side panel',
        },
      ];
    } finally {
      await context.close();
    }
  } finally {
    if (ownBrowser) await browser?.close();
    if (host) await stopServeMode(host.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
