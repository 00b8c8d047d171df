import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupFile } from '../../../shared/contract/calls/backups';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { createTempCore, createTestRoom, tempCoresPerTest, tempDir, valueOf } from '../testing/temp-core';
import { backupFilePattern, pruneBackups } from './backup-files';
import { restoreBackup } from './restore-backup';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const createCore = tempCoresPerTest();

describe('backups', () => {
  it('write one room to riposte-backup-YYYYMMDD-HHMMSS.sqlite in backups/ and the lead’s folder, which restores on another machine', async () => {
    const core = createCore(() => t0, { startIngest: false });
    const usb = tempDir();
    const final = await createTestRoom(core, t0, { name: 'Final' });
    await createTestRoom(core, t0, { name: 'Other' });
    const lead = valueOf<RoomMember>(
      await core.dispatch('members.add', { roomId: final.id, name: 'Léa', role: 'lead' }),
    );
    const host = core.as(lead);
    await host.call('backups.setFolder', { roomId: final.id, folder: usb.path });
    const made = await host.call<BackupFile>('backups.create', { roomId: final.id });
    expect(made.fileName).toBe('riposte-backup-20260719-190000.sqlite');
    expect(made.fileName).toMatch(backupFilePattern);
    expect(made.paths).toEqual([join(core.dataDir, 'backups', made.fileName), join(usb.path, made.fileName)]);
    const copy = new Database(made.paths[1] ?? '', { readonly: true });
    expect(copy.prepare('SELECT name FROM rooms').all()).toEqual([{ name: 'Final' }]);
    copy.close();

    const elsewhere = tempDir();
    restoreBackup(elsewhere.path, made.paths[1] ?? '');
    const restored = createTempCore(() => t0, { startIngest: false, dataDir: elsewhere.path });
    try {
      expect(
        valueOf<Array<{ name: string }>>(await restored.dispatch('rooms.list', {})).map((room) => room.name),
      ).toEqual(['Final']);
      expect(valueOf<RoomMember[]>(await restored.dispatch('members.list', { roomId: final.id }))).toMatchObject([
        { name: 'Léa' },
      ]);
    } finally {
      await restored.close();
      elsewhere.dispose();
      usb.dispose();
    }
  });

  it('keep the newest 12 and touch no other file', () => {
    const folder = tempDir();
    for (let i = 0; i < 15; i += 1)
      writeFileSync(join(folder.path, `riposte-backup-20260719-1900${String(i).padStart(2, '0')}.sqlite`), '');
    writeFileSync(join(folder.path, 'notes.txt'), 'mine');
    pruneBackups(folder.path, 12);
    const left = readdirSync(folder.path).sort();
    expect(left).toHaveLength(13);
    expect(left[0]).toBe('notes.txt');
    expect(left[1]).toBe('riposte-backup-20260719-190003.sqlite');
    folder.dispose();
  });

  it('refuse a file that is not a Riposte store, leaving the data directory as it was', () => {
    const folder = tempDir();
    const bogus = join(folder.path, 'bogus.sqlite');
    writeFileSync(bogus, 'not sqlite');
    expect(() => restoreBackup(join(folder.path, 'data'), bogus)).toThrow(/not a Riposte backup/);
    expect(existsSync(join(folder.path, 'data', 'riposte.sqlite'))).toBe(false);
    folder.dispose();
  });
});
