import type { StorageStatus } from '../../../shared/contract/calls/app';
import { faultSentence } from '../../../shared/i18n/fault-sentences';
import type { Db } from '../db/open-database';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../log/rotating-log';

export type StorageFaultKind = 'full' | 'failed';

export interface StorageFault {
  kind: StorageFaultKind;
  /** SQLite's code (SQLITE_FULL, SQLITE_IOERR_WRITE…), for the log and the "failed" sentence. */
  detail: string;
}

/** Codes that say the disk or the file refused a write, not that the call was wrong. */
const failedCodes = /^SQLITE_(IOERR|READONLY|CANTOPEN|NOLFS|CORRUPT|NOTADB)/;

/**
 * Whether an error is the disk saying no. better-sqlite3 throws SqliteError with a `code`;
 * the item writer thread passes errors on as text, so SQLite's own sentence is matched too.
 */
export function storageFaultOf(error: unknown): StorageFault | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_FULL')) return { kind: 'full', detail: code };
    if (failedCodes.test(code)) return { kind: 'failed', detail: code };
  }
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (message.includes('database or disk is full')) return { kind: 'full', detail: 'SQLITE_FULL' };
  if (/disk I\/O error|attempt to write a readonly database/.test(message)) return { kind: 'failed', detail: message };
  return null;
}

const okStatus: StorageStatus = { state: 'ok', since: null, message: null, messageKey: null, params: {} };

export interface StorageGuardDeps {
  db: Db;
  events: EventHub;
  log: Logger;
  now: () => number;
  /** How often a paused store tries a write again (tests use a few ms). */
  retryMs?: number;
}

/**
 * One state for the whole app: can the database be written? A write that fails because the
 * disk is full (or the file cannot be written) pauses ingestion instead of ending the host;
 * the state is pushed so every window says so, and a small committed write is tried on a
 * timer until it succeeds, then everything that waited resumes on its own.
 */
export function createStorageGuard(deps: StorageGuardDeps) {
  const retryMs = deps.retryMs ?? 5_000;
  let status: StorageStatus = okStatus;
  let timer: NodeJS.Timeout | undefined;
  const resumed = new Set<() => void>();
  // A committed insert and delete of 64 KiB: it needs new pages (and WAL frames) as real work does.
  const probe = deps.db.transaction(() => {
    deps.db
      .prepare("INSERT INTO settings (key, value) VALUES ('riposte.storage-probe', printf('%.*c', 65536, 'x'))")
      .run();
    deps.db.prepare("DELETE FROM settings WHERE key = 'riposte.storage-probe'").run();
  });

  const emit = () => deps.events.emit('storage.changed', status);

  const tryAgain = () => {
    timer = undefined;
    try {
      probe();
    } catch (error) {
      if (!storageFaultOf(error)) deps.log.warn('The storage probe failed oddly', { error });
      schedule();
      return;
    }
    deps.log.info('The database can be written again: ingestion resumes', { pausedSince: status.since });
    status = okStatus;
    emit();
    for (const listener of [...resumed]) listener();
  };

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(tryAgain, retryMs);
    timer.unref?.();
  };

  return {
    /** Records the error if it is a storage fault (and returns true): the caller then waits for `onResumed`. */
    fault(error: unknown, where: string): boolean {
      const fault = storageFaultOf(error);
      if (!fault) return false;
      if (status.state === 'ok') {
        deps.log.error('The database cannot be written: ingestion paused', { where, error });
        const messageKey = fault.kind === 'full' ? 'faults.storage.full' : 'faults.storage.failed';
        const params: Record<string, string> = fault.kind === 'full' ? {} : { detail: fault.detail };
        status = {
          state: fault.kind,
          since: deps.now(),
          message: faultSentence(messageKey, params),
          messageKey,
          params,
        };
        emit();
      }
      schedule();
      return true;
    },
    paused: () => status.state !== 'ok',
    status: () => status,
    /** Called each time writes work again after a pause. */
    onResumed(listener: () => void): () => void {
      resumed.add(listener);
      return () => resumed.delete(listener);
    },
    close() {
      clearTimeout(timer);
      timer = undefined;
      resumed.clear();
    },
  };
}
export type StorageGuard = ReturnType<typeof createStorageGuard>;
