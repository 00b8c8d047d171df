import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Electron binary's path, or why there is none. Requiring 'electron' would try to
 * download it, so read the path file its installer writes instead.
 */
function electronBinary(): { path: string } | { reason: string } {
  const packageDir = join(import.meta.dirname, '..', 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'the Electron binary is not installed here (`npm start` downloads it where GitHub is reachable)' };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const path = join(distDir, readFileSync(pathFile, 'utf8'));
  return existsSync(path) ? { path } : { reason: `the Electron binary is missing at ${path}` };
}

const binary = electronBinary();
if ('reason' in binary) console.log(`Electron shell test skipped: ${binary.reason}.`);

test('the desktop app opens a hardened window on the rooms page', async () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');
  if (!('path' in binary)) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [join(import.meta.dirname, '..', 'out', 'main', 'electron.js'), '--no-sandbox'],
    env: { ...process.env, RIPOSTE_DATA_DIR: dataDir, LANG: 'en_GB.UTF-8' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: /War rooms|Salles de crise/ })).toBeVisible();
    // Sandboxed and isolated: no Node globals in the page.
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // The renderer sees named methods only, never ipcRenderer.
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(
      await window.evaluate(() => Object.keys((window as unknown as { riposte?: object }).riposte ?? {})),
    ).toContain('rooms');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
