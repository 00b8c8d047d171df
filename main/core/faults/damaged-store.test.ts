import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../backup/restore-backup';
import { createCore, type Core } from '../create-core';
import { databaseFileName } from '../db/open-database';
import type { Logger } from '../log/rotating-log';
import { createSession } from '../session/session';
import { idleRuntime } from '../testing/temp-core';
import { DamagedStoreError } from './damaged-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Kept in memory: a start that fails leaves no log file writing into a folder the test removes. */
const logger: Logger = {
  file: 'memory',
  log: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  close: async () => {},
};

const open = (dataDir: string): Core =>
  createCore({ dataDir, shell: 'serve', version: 'test', seedDemo: false, ingestRuntime: idleRuntime, logger });

/** Bytes a failing disk (or a bad copy) leaves: every page after the first overwritten with noise. */
function damage(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  try {
    const noise = Buffer.alloc(4096, 0xa5);
    for (let offset = 4096; offset < size; offset += 4096) writeSync(fd, noise, 0, noise.length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged store at start', () => {
  it('is caught by the start check, names the latest good backup, and starts again once it is restored', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'riposte-damaged-'));
    dirs.push(dataDir);
    const first = open(dataDir);
    const owner = createSession();
    const now = Date.now();
    const created = await first.dispatch(
      'rooms.create',
      { name: 'Kept in the backup', startsAt: now, endsAt: now + 3_600_000, timeZone: 'Europe/Paris', language: 'fr' },
      owner,
    );
    if (!created.ok) throw new Error(created.message);
    const roomId = (created.value as { id: string }).id;
    const lead = await first.dispatch('members.add', { roomId, name: 'Lead', role: 'lead' }, owner);
    if (!lead.ok) throw new Error(lead.message);
    const session = createSession();
    session.identify(roomId, (lead.value as { id: string }).id);
    const backup = await first.dispatch('backups.create', { roomId, scope: 'store' }, session);
    expect(backup).toMatchObject({ ok: true });
    await first.close();

    damage(join(dataDir, databaseFileName));
    let refusal: unknown;
    try {
      open(dataDir).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DamagedStoreError);
    const damaged = refusal as DamagedStoreError;
    expect(damaged).toMatchObject({ code: 'unavailable', messageKey: 'errors.faults.damaged' });
    expect(damaged.backup?.path).toContain(join(dataDir, 'backups'));
    expect(damaged.message).toContain(`--restore ${damaged.backup?.path ?? ''}`);

    // What the desktop app does when the person accepts the offer (serve: --restore).
    const { setAside } = restoreBackup(dataDir, damaged.backup?.path ?? '');
    expect(setAside).not.toBeNull();
    const restored = open(dataDir);
    try {
      expect(await restored.dispatch('rooms.list', {}, createSession())).toMatchObject({
        ok: true,
        value: [{ id: roomId, name: 'Kept in the backup' }],
      });
    } finally {
      await restored.close();
    }
  });

  it('says plainly when no backup can be offered', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'riposte-damaged-'));
    dirs.push(dataDir);
    const core = open(dataDir);
    core.db.exec(
      "CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO filler SELECT printf('%.*c', 3000, 'x') FROM n;",
    );
    await core.close();
    damage(join(dataDir, databaseFileName));
    expect(() => open(dataDir)).toThrow(
      expect.objectContaining({ messageKey: 'errors.faults.damagedNoBackup', backup: null }),
    );
  });
});
