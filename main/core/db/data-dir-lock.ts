import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';

export const lockFileName = 'riposte.lock';

export interface LockOwner {
  pid: number;
  shell: string;
  /** Where the running instance can be opened (serve mode), once it listens. */
  address: string | null;
}

export interface DataDirLock {
  /** Serve mode tells the lock where it listens, so a second start can name it. */
  setAddress(address: string): void;
  release(): void;
}

function readOwner(path: string): LockOwner | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof value.pid === 'number'
      ? { pid: value.pid, shell: String(value.shell ?? ''), address: value.address ?? null }
      : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One Riposte per data directory: two on one SQLite file end with SQLITE_BUSY_SNAPSHOT, two
 * demo rooms or a migration race. The lock file is created exclusively (O_EXCL) and holds
 * the owner's pid; a lock whose process is gone (a crash, kill -9) is taken over.
 */
export function lockDataDir(dataDir: string, shell: string): DataDirLock {
  const path = join(dataDir, lockFileName);
  const owner: LockOwner = { pid: process.pid, shell, address: null };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw refusal(path, dataDir, error);
      const current = readOwner(path);
      if (current && isRunning(current.pid)) throw alreadyRunning(dataDir, current);
      rmSync(path, { force: true });
    }
  }
  let released = false;
  return {
    setAddress(address) {
      if (released) return;
      owner.address = address;
      writeFileSync(path, JSON.stringify(owner), { mode: 0o600 });
    },
    release() {
      if (released) return;
      released = true;
      if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

function alreadyRunning(dataDir: string, owner: LockOwner): AppError {
  const where = owner.address ? ` Open ${owner.address}` : ' Switch to its window';
  return new AppError(
    'unavailable',
    `Riposte is already running on ${dataDir} (process ${owner.pid}).${where}, or start this one with another data directory.`,
    {
      messageKey: owner.address ? 'errors.faults.alreadyRunningAt' : 'errors.faults.alreadyRunning',
      params: { dataDir, pid: String(owner.pid), address: owner.address ?? '' },
    },
  );
}

function refusal(path: string, dataDir: string, cause: unknown): AppError {
  const existing = readOwner(path);
  if (existing && isRunning(existing.pid)) return alreadyRunning(dataDir, existing);
  return new AppError('unavailable', `Riposte could not lock its data directory ${dataDir}: ${String(cause)}`, {
    messageKey: 'errors.faults.lockFailed',
    params: { dataDir },
    cause,
  });
}
