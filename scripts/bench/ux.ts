/**
 * War-room interface benchmark (issue 18): `npm run bench -- ux --json [--no-build]`.
 * Runs the journey of e2e/journey.spec.ts in Chromium through serve mode, a writer and an
 * approver on two windows at 1440×900, and prints one JSON object per line:
 *   ux.actions_alert_to_approved: user actions (keys, clicks, typing the text) from a
 *     moment's alert to the approved post (limit 6);
 *   ux.seconds_alert_to_approved: wall-clock seconds for the same span (limit 90), typing
 *     included at Playwright's speed, so it measures the app's waits rather than a person.
 * The density figures (ux.posts_per_column, ux.columns_visible) come from ux/density.ts.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionLimit, prepareJourney, runJourney, secondsLimit } from '../../e2e/fixtures/alert-to-approved';
import { measureDensity } from './ux/density';
import { hostEntry, startServeMode, stopServeMode } from '../../e2e/fixtures/serve-process';

const args = process.argv.slice(2);
const repoRoot = join(import.meta.dirname, '..', '..');
const viewport = { width: 1440, height: 900 };

function log(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

function build(): void {
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the build failed (${result.status})`);
}

async function measureJourney(browser: Browser, loginUrl: string): Promise<void> {
  const context = await browser.newContext({ locale: 'en-GB', viewport });
  try {
    const page = await context.newPage();
    const windows = await prepareJourney(page, loginUrl);
    const outcome = await runJourney(windows);
    log({
      name: 'ux.actions_alert_to_approved',
      value: outcome.actions,
      unit: 'actions',
      limit: actionLimit,
      pass: outcome.actions <= actionLimit,
      steps: outcome.steps,
    });
    log({
      name: 'ux.seconds_alert_to_approved',
      value: Math.round(outcome.seconds * 10) / 10,
      unit: 's',
      limit: secondsLimit,
      pass: outcome.seconds <= secondsLimit,
    });
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!args.includes('--no-build') || !existsSync(hostEntry)) build();
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-bench-ux-'));
  let host: Awaited<ReturnType<typeof startServeMode>> | undefined;
  let browser: Browser | undefined;
  try {
    host = await startServeMode(dataDir, ['--no-demo']);
    const executablePath =
      process.env.RIPOSTE_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    await measureJourney(browser, host.loginUrl);

    // The deck's density, on the demo room as a first start opens it (its own data dir).
    for (const figure of await measureDensity({ browser })) log(figure);
  } finally {
    await browser?.close();
    if (host) await stopServeMode(host.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
