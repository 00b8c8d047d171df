import { spawn } from 'node:child_process';
import { expect, test } from './fixtures/serve-mode';
import { hostEntry } from './fixtures/serve-process';

/** Starts a second serve mode on the same data directory and collects what it says until it exits. */
function secondStart(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir, '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RIPOSTE_DATA_DIR: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

test('a second serve mode on the same data directory stops at once, naming the running one; the first keeps working', async ({
  page,
  served,
}) => {
  await page.goto(served.loginUrl);
  await expect(page.getByRole('heading', { name: 'War rooms' })).toBeVisible();

  const second = await secondStart(served.dataDir);
  expect(second.code).toBe(1);
  expect(second.output).toContain(`Riposte is already running on ${served.dataDir}`);
  expect(second.output).toContain(`Open ${served.url}`);

  // The first instance was not disturbed: it still answers and shows no storage banner.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'War rooms' })).toBeVisible();
  await expect(page.getByTestId('storage-banner')).toHaveCount(0);
});
