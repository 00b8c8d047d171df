import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openRoomWithTeam } from './fixtures/room-steps';
import { expect, test } from './fixtures/serve-mode';
import { hostEntry, startServeMode, stopServeMode } from './fixtures/serve-process';
import { pickMe } from './fixtures/who-am-i';

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

/**
 * A real full disk: the data directory on a small tmpfs (needs mount rights, so root or
 * CAP_SYS_ADMIN), filled with a filler file until the kernel says ENOSPC.
 */
function mountSmallDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'riposte-e2e-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir], { stdio: 'ignore' });
  if (mounted.status === 0) return dir;
  rmSync(dir, { recursive: true, force: true });
  return null;
}

function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

/** Writes until the file system has no byte left; returns the filler's path. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler');
  const descriptor = openSync(filler, 'w');
  try {
    for (const size of [1024 * 1024, 4096, 1]) {
      const block = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(descriptor, block);
        } catch {
          break; // ENOSPC at this block size: try smaller ones
        }
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return filler;
}

/** What the store holds for the room's one draft, read from outside the host. */
function storedDraftBody(dataDir: string): string | undefined {
  const db = new Database(join(dataDir, 'riposte.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { body: string }>('SELECT body FROM drafts LIMIT 1').get()?.body;
  } finally {
    db.close();
  }
}

/** Moves every committed page into the database file and empties the WAL, so the next write must grow it. */
async function emptyWal(dataDir: string): Promise<void> {
  const db = new Database(join(dataDir, 'riposte.sqlite'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await expect.poll(() => (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy).toBe(0);
  } finally {
    db.close();
  }
}

test('a full disk: a red banner, a save that says it was not saved and keeps the text, then back to normal with nothing saved lost', async ({
  page,
}) => {
  // Waits for the host's own retry (every 5 s) on a machine other tests share.
  test.setTimeout(90_000);
  const dataDir = mountSmallDisk();
  test.skip(dataDir === null, 'mounting a small tmpfs (a disk that can fill) needs root or CAP_SYS_ADMIN here');
  if (dataDir === null) return;
  const host = await startServeMode(dataDir, ['--no-demo']);
  try {
    const panel = await openRoomWithTeam(page, host.loginUrl, [['Wendy', 'Writer']]);
    await pickMe(page, 'Wendy (Writer)');
    await panel.getByRole('tab', { name: 'Queue' }).click();
    await panel.getByRole('button', { name: 'New draft' }).click();
    const editor = panel.getByRole('article', { name: 'Draft' });
    const body = editor.getByRole('textbox', { name: 'Draft text' });
    const saveState = editor.getByRole('status', { name: 'Save state' });
    await body.fill('What a final!');
    await expect(saveState).toHaveText('Saved');
    expect(storedDraftBody(dataDir)).toBe('What a final!');

    await emptyWal(dataDir);
    const filler = fillDisk(dataDir);
    await body.fill('What a final! Proud of every fan.');
    await expect(saveState).toHaveText('Not saved');
    await expect(editor.getByRole('alert')).toContainText('The disk is full: this was not saved');
    const banner = page.getByTestId('storage-banner');
    await expect(banner).toContainText('Disk full: ingestion paused, nothing typed is lost');
    // The text stays in the editor; what was acknowledged before is still stored.
    await expect(body).toHaveValue('What a final! Proud of every fan.');
    expect(storedDraftBody(dataDir)).toBe('What a final!');
    // Reading keeps working: the room still opens its panels.
    await page.getByRole('tab', { name: 'Sources', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Sources' })).toBeVisible();

    // Space returns: the host notices on its own (a probe write every 5 s) and the banner goes.
    rmSync(filler);
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await page.getByRole('tab', { name: 'Drafts', exact: true }).click();
    await body.focus();
    await body.blur();
    await expect(saveState).toHaveText('Saved');
    expect(storedDraftBody(dataDir)).toBe('What a final! Proud of every fan.');
    await page.reload();
    await expect(page.getByTestId('storage-banner')).toHaveCount(0);
  } finally {
    await stopServeMode(host.child);
    unmount(dataDir);
  }
});
