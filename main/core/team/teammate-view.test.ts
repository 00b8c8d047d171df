import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls, type CallName } from '../../../shared/contract';
import type { Invite } from '../../../shared/contract/calls/access';
import type { AppInfo } from '../../../shared/contract/calls/app';
import type { BackupFile, BackupSettings } from '../../../shared/contract/calls/backups';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Source } from '../../../shared/sources/source';
import { createDispatch, type Handlers } from '../contract/dispatch';
import { createBoundSession, createSession } from '../session/session';
import { createTestRoom, tempCoresPerTest, tempDir, valueOf } from '../testing/temp-core';
import { hideHostPaths, teammateAnswer, teammateEvent, teammateFailure } from './teammate-view';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const createTempCore = tempCoresPerTest();

/** A hosted room whose host has made a backup, picked a USB folder and added a replay from its disk. */
async function roomWithHostPaths() {
  const core = createTempCore(() => t0, { startIngest: false });
  const usb = tempDir();
  core.access.setHosting({ addresses: ['https://192.168.1.20:4477'], fingerprint: 'AB:CD' });
  const room = await createTestRoom(core, t0);
  const lead = valueOf<RoomMember>(await core.dispatch('members.add', { roomId: room.id, name: 'Léa', role: 'lead' }));
  const host = core.as(lead);
  await host.call('backups.setFolder', { roomId: room.id, folder: usb.path });
  await host.call('backups.create', { roomId: room.id });
  await host.call('sources.add', {
    roomId: room.id,
    label: 'Rehearsal',
    config: { kind: 'replay', recording: join(core.dataDir, 'recordings', 'final.jsonl'), speed: 10 },
  });
  /** A teammate who is lead too: the role that sees the most (backups, sources, connections). */
  const invite = await host.call<Invite>('invites.create', { roomId: room.id, name: 'Ali', role: 'lead' });
  const session = core.access.sessionFor(core.access.redeem(invite.code, 'Ali’s laptop').token);
  if (!session) throw new Error('no session for a fresh token');
  return { core, room, host, usb, teammate: (name: string, input: unknown) => core.dispatch(name, input, session) };
}

describe('what a teammate sees of the host machine', () => {
  it('app.info and backups give the host its paths, and a teammate none', async () => {
    const { core, room, host, usb, teammate } = await roomWithHostPaths();
    expect((await host.call<AppInfo>('app.info', {})).dataDir).toBe(core.dataDir);
    expect(valueOf<AppInfo>(await teammate('app.info', {})).dataDir).toBeNull();

    const hostList = await host.call<BackupFile[]>('backups.list', { roomId: room.id });
    expect(hostList[0]?.paths).toEqual([
      join(core.dataDir, 'backups', hostList[0]?.fileName ?? ''),
      join(usb.path, hostList[0]?.fileName ?? ''),
    ]);
    const seen = valueOf<BackupFile[]>(await teammate('backups.list', { roomId: room.id }));
    expect(seen.map((file) => file.fileName)).toEqual(hostList.map((file) => file.fileName));
    expect(seen.every((file) => file.paths.length === 0)).toBe(true);

    const settings = valueOf<BackupSettings>(await teammate('backups.settings', { roomId: room.id }));
    expect(settings).toMatchObject({ folder: null, automatic: true, last: { paths: [] } });
    expect(valueOf<BackupFile>(await teammate('backups.create', { roomId: room.id })).paths).toEqual([]);
    usb.dispose();
  });

  it('a replay’s recording is named by its file, not where it sits on the host', async () => {
    const { core, room, host, usb, teammate } = await roomWithHostPaths();
    const [hostSource] = await host.call<Source[]>('sources.list', { roomId: room.id });
    expect(hostSource?.config).toMatchObject({ recording: join(core.dataDir, 'recordings', 'final.jsonl') });
    const [seen] = valueOf<Source[]>(await teammate('sources.list', { roomId: room.id }));
    expect(seen?.config).toMatchObject({ kind: 'replay', recording: 'final.jsonl' });
    usb.dispose();
  });

  it('a replay whose stored settings no longer read is listed to a teammate too, with its health line and no host path', async () => {
    const { core, room, usb, teammate } = await roomWithHostPaths();
    // A speed this version does not offer: what a newer Riposte could have written.
    const stored = JSON.stringify({
      kind: 'replay',
      recording: join(core.dataDir, 'recordings', 'final.jsonl'),
      speed: 7,
    });
    core.db.prepare('UPDATE sources SET config = ? WHERE room_id = ?').run(stored, room.id);
    const answer = await teammate('sources.list', { roomId: room.id });
    expect(answer).toMatchObject({
      ok: true,
      value: [
        { label: 'Rehearsal', kind: 'replay', config: null, health: { problem: { code: 'settingsUnreadable' } } },
      ],
    });
    expect(JSON.stringify(answer)).not.toContain(core.dataDir);
    usb.dispose();
  });

  it('no answer to any call a teammate can make with just their room carries a host path', async () => {
    const { core, room, usb, teammate } = await roomWithHostPaths();
    const hostPaths = [core.dataDir, usb.path, tmpdir()];
    const swept: string[] = [];
    for (const name of Object.keys(calls) as CallName[]) {
      const input = [{ roomId: room.id }, {}].find((candidate) => calls[name].input.safeParse(candidate).success);
      if (!input) continue;
      const answer = JSON.stringify(await teammate(name, input));
      swept.push(name);
      for (const path of hostPaths) expect(answer, `${name} answered ${answer}`).not.toContain(path);
    }
    // The sweep reached the calls that used to leak, and the reads of every area.
    expect(swept).toEqual(
      expect.arrayContaining(['app.info', 'backups.list', 'backups.settings', 'sources.list', 'assets.list']),
    );
    expect(swept.length).toBeGreaterThan(30);
    usb.dispose();
  });

  it('pushed events and refusals lose host paths too', () => {
    const source = {
      id: 's1',
      roomId: 'r1',
      kind: 'replay',
      label: 'Rehearsal',
      config: { kind: 'replay', recording: '/home/lea/riposte/rehearsal.jsonl', speed: 10 },
      paused: false,
      allied: false,
      credentialSet: false,
      health: {
        state: 'error',
        lastFetchAt: null,
        nextPollAt: null,
        itemsTaken: 0,
        consecutiveFailures: 1,
        lastError: 'Cannot read /home/lea/riposte/rehearsal.jsonl (ENOENT)',
        problem: null,
        notices: [],
      },
      createdAt: t0,
    } satisfies Source;
    const pushed = teammateEvent('sources.changed', { source });
    expect(pushed.source.config).toMatchObject({ recording: 'rehearsal.jsonl' });
    expect(pushed.source.health.lastError).toBe('Cannot read …/rehearsal.jsonl (ENOENT)');
    expect(
      teammateFailure({
        ok: false,
        code: 'invalid_input',
        message: 'Riposte cannot write in C:\\Users\\lea\\backups: EACCES',
        params: { folder: '/media/usb/riposte' },
      }),
    ).toMatchObject({ message: 'Riposte cannot write in …/backups: EACCES', params: { folder: '…/riposte' } });
    // Addresses and ratios are not paths.
    expect(hideHostPaths('See https://example.org/a/b, 3/4 of items')).toBe(
      'See https://example.org/a/b, 3/4 of items',
    );
    expect(
      teammateAnswer('app.info', {
        version: '1',
        shell: 'serve',
        dataDir: '/home/lea',
        storage: { state: 'ok', since: null, message: null, messageKey: null, params: {} },
      }).dataDir,
    ).toBeNull();
  });

  it('an internal failure tells a teammate to ask the host, without the log file’s path', async () => {
    const logged: unknown[] = [];
    const log = {
      file: '/home/lea/riposte/logs/riposte.log',
      info: () => {},
      warn: () => {},
      error: (...args: unknown[]) => logged.push(args),
    };
    const broken = {
      'app.info': () => {
        throw new Error('disk on fire');
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(broken, log as unknown as Parameters<typeof createDispatch>[1]);
    const teammate = createBoundSession({ sessionId: 's', roomId: 'r', memberId: 'm' });
    const forTeammate = await dispatch('app.info', {}, teammate);
    expect(forTeammate).toMatchObject({ ok: false, code: 'internal', messageKey: 'errors.internalOnHost' });
    expect(JSON.stringify(forTeammate)).not.toContain('/home/lea');
    expect(await dispatch('app.info', {}, createSession())).toMatchObject({
      messageKey: 'errors.internal',
      message: expect.stringContaining('/home/lea/riposte/logs/riposte.log') as unknown,
    });
    expect(logged).toHaveLength(2);
  });
});
