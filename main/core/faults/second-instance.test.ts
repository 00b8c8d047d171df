import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../create-core';
import { lockFileName } from '../db/data-dir-lock';
import { createSession } from '../session/session';
import { idleRuntime } from '../testing/temp-core';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'riposte-lock-'));
  dirs.push(dir);
  return dir;
}

function open(dataDir: string): Core {
  const core = createCore({ dataDir, shell: 'serve', version: 'test', seedDemo: false, ingestRuntime: idleRuntime });
  cores.push(core);
  return core;
}

/** A pid no process has: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

describe('one Riposte per data directory', () => {
  it('refuses a second instance clearly, naming the running one and its address', async () => {
    const dataDir = freshDir();
    const first = open(dataDir);
    first.announceAddress('http://127.0.0.1:4477/');
    expect(() => open(dataDir)).toThrow(
      expect.objectContaining({
        code: 'unavailable',
        messageKey: 'errors.faults.alreadyRunningAt',
        message: expect.stringContaining(
          `Riposte is already running on ${dataDir} (process ${process.pid}). Open http://127.0.0.1:4477/`,
        ),
      }),
    );
    // The first keeps working, and what it acknowledged is still there.
    const listed = await first.dispatch('rooms.list', {}, createSession());
    expect(listed).toMatchObject({ ok: true, value: [] });
    expect(JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('lets the next start in once the first closes, and takes over the lock of a crashed one', async () => {
    const dataDir = freshDir();
    await open(dataDir).close();
    cores.length = 0;
    writeFileSync(join(dataDir, lockFileName), JSON.stringify({ pid: await deadPid(), shell: 'serve', address: null }));
    const next = open(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid });
    await next.close();
    cores.length = 0;
    expect(() => readFileSync(join(dataDir, lockFileName))).toThrow();
  });
});
