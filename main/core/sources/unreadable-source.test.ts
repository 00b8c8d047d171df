import { afterEach, describe, expect, it } from 'vitest';
import type { Source } from '../../../shared/sources/source';
import { createCore, type Core } from '../create-core';
import type { IngestRuntime, PollJob } from '../ingest/pipeline/ingest-runtime';
import type { Logger } from '../log/rotating-log';
import { createSession } from '../session/session';
import { createTestRoom, idleRuntime, okPoll, tempDir, valueOf, waitForEvent } from '../testing/temp-core';

/** A worker stand-in that answers every poll with nothing new, and records the jobs it saw. */
function recordingRuntime() {
  const jobs: PollJob[] = [];
  const runtime: IngestRuntime = {
    poll: async (job) => {
      jobs.push(job);
      return okPoll(job);
    },
    startStream: () => {},
    stopStream: () => {},
    close: async () => {},
  };
  return { runtime, jobs };
}

const warnings: string[] = [];
const logger: Logger = {
  file: 'memory',
  log: () => {},
  info: () => {},
  warn: (message) => void warnings.push(message),
  error: () => {},
  close: async () => {},
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  warnings.length = 0;
});

type OpenCore = Core & {
  /** One window's connection, like a person's. */
  send(name: string, input: unknown): ReturnType<Core['dispatch']>;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
};

function open(dataDir: string, runtime: IngestRuntime): OpenCore {
  const core = createCore({
    dataDir,
    shell: 'serve',
    version: 'test',
    seedDemo: false,
    ingestRuntime: runtime,
    logger,
  });
  const session = createSession();
  const send = (name: string, input: unknown) => core.dispatch(name, input, session);
  return { ...core, send, call: async <T>(name: string, input: unknown) => valueOf<T>(await send(name, input)) };
}

/** What a damaged store, a hand edit or a newer Riposte can leave in `sources.config`. */
const stored = {
  damaged: '{"kind":"feed","url":"https://cut.example.com/f',
  newerSetting: '{"kind":"bluesky","mode":"lists","list":"at://did:plc:abc/app.bsky.graph.list/1"}',
  otherKind: '{"kind":"feed","url":"https://replay.example.com/f"}',
};

/**
 * A room with two good feeds and three sources whose settings no longer read, all active,
 * written by one run of the app; the returned core is the next start on the same store.
 */
async function storeWithUnreadableSources() {
  const dir = tempDir();
  cleanups.push(() => dir.dispose());
  const first = open(dir.path, idleRuntime);
  const room = await createTestRoom({ dispatch: first.send }, 1);
  const add = (label: string, config: unknown) => first.call<Source>('sources.add', { roomId: room.id, label, config });
  const good = [
    await add('Le Direct', { kind: 'feed', url: 'https://direct.example.com/f' }),
    await add('Agence', { kind: 'feed', url: 'https://agence.example.com/f' }),
  ];
  const bad = {
    damaged: await add('Coupé', { kind: 'feed', url: 'https://cut.example.com/f' }),
    newerSetting: await add('Listes Bluesky', { kind: 'bluesky', mode: 'jetstream', keywords: ['finale'] }),
    otherKind: await add('Répétition', { kind: 'replay', recording: 'demo-final' }),
  };
  const write = first.db.prepare<[string, string]>('UPDATE sources SET config = ? WHERE id = ?');
  for (const [name, source] of Object.entries(bad)) write.run(stored[name as keyof typeof stored], source.id);
  await first.close();

  const { runtime, jobs } = recordingRuntime();
  // The start itself must not throw, with every bad source active.
  const core = open(dir.path, runtime);
  cleanups.push(() => core.close());
  const polled = (id: string) =>
    waitForEvent(
      core,
      'sources.changed',
      (payload) => payload.source.id === id && payload.source.health.state === 'ok',
    );
  // Listening before the first polls, which run once the start is over.
  const goodPolled = Promise.all(good.map((source) => polled(source.id)));
  return { core, room, good, bad, jobs, polled, goodPolled };
}

const rawConfig = (core: Core, id: string) =>
  core.db.prepare<[string], { config: string }>('SELECT config FROM sources WHERE id = ?').get(id)?.config;

describe('a stored source whose settings cannot be read', () => {
  it('does not stop the app from starting, is never polled, and the good sources are', async () => {
    const { core, good, bad, jobs, polled, goodPolled } = await storeWithUnreadableSources();
    await goodPolled;
    // The poll a person asks for runs after the scheduled ones, so by then every bad one had its chance.
    const asked = polled(good[0]?.id ?? '');
    await core.call('sources.pollNow', { id: good[0]?.id });
    await asked;
    const polledIds = new Set(jobs.map((job) => job.sourceId));
    expect([...polledIds].sort()).toEqual(good.map((source) => source.id).sort());
    for (const source of Object.values(bad)) expect(polledIds.has(source.id)).toBe(false);
    expect(warnings.filter((message) => message.includes('stored settings could not be read'))).toHaveLength(3);
  });

  it('is listed with its name, kind and a health line saying what to do; the others are listed as they are', async () => {
    const { core, room, good, bad } = await storeWithUnreadableSources();
    const listed = await core.call<Source[]>('sources.list', { roomId: room.id });
    // Added within the same millisecond, they are ordered by id: the set is what counts here.
    expect(listed.map((source) => source.label).sort()).toEqual(
      ['Le Direct', 'Agence', 'Coupé', 'Listes Bluesky', 'Répétition'].sort(),
    );
    for (const source of good) {
      expect(listed.find((entry) => entry.id === source.id)).toMatchObject({ config: source.config });
    }
    for (const [source, kind] of [
      [bad.damaged, 'feed'],
      [bad.newerSetting, 'bluesky'],
      [bad.otherKind, 'replay'],
    ] as const) {
      expect(listed.find((entry) => entry.id === source.id)).toMatchObject({
        kind,
        label: source.label,
        config: null,
        health: {
          state: 'error',
          nextPollAt: null,
          problem: { code: 'settingsUnreadable', params: {} },
          lastError: expect.stringContaining('Remove it and add it again') as unknown,
        },
      });
    }
  });

  it('refuses pause, resume, check now, replay controls and a rename with a coded error, leaving the stored text as it was', async () => {
    const { core, bad } = await storeWithUnreadableSources();
    const id = bad.otherKind.id;
    const refused = {
      ok: false,
      code: 'invalid_transition',
      messageKey: 'errors.source.unreadable',
      message: expect.stringContaining('Remove it and add it again') as unknown,
    };
    for (const [name, input] of [
      ['sources.pause', { id }],
      ['sources.resume', { id }],
      ['sources.pollNow', { id }],
      ['sources.update', { id, label: 'Renamed' }],
      ['sources.update', { id, allied: true }],
      ['replay.state', { id }],
      ['replay.control', { sourceId: id, action: 'restart' }],
    ] as const) {
      expect(await core.send(name, input), name).toMatchObject(refused);
    }
    expect(rawConfig(core, id)).toBe(stored.otherKind);
    expect(
      core.db
        .prepare<[string], { label: string; paused: number }>('SELECT label, paused FROM sources WHERE id = ?')
        .get(id),
    ).toEqual({
      label: 'Répétition',
      paused: 0,
    });
  });

  it('takes a whole new config of its kind in place of the stored text, and is then polled again', async () => {
    const { core, bad, jobs, polled } = await storeWithUnreadableSources();
    const id = bad.damaged.id;
    expect(
      await core.send('sources.update', {
        id,
        config: { kind: 'mastodon', instance: 'https://m.example', tag: 'finale' },
      }),
    ).toMatchObject({ ok: false, code: 'invalid_input', messageKey: 'errors.source.kindChange' });
    expect(rawConfig(core, id)).toBe(stored.damaged);

    const back = polled(id);
    const updated = await core.call<Source>('sources.update', {
      id,
      label: 'Coupé (réparé)',
      config: { kind: 'feed', url: 'https://cut.example.com/feed.xml' },
    });
    expect(updated).toMatchObject({
      label: 'Coupé (réparé)',
      config: { kind: 'feed', url: 'https://cut.example.com/feed.xml' },
    });
    await back;
    expect(jobs.filter((job) => job.sourceId === id)).toEqual([
      expect.objectContaining({ config: { kind: 'feed', url: 'https://cut.example.com/feed.xml' } }),
    ]);
    expect(JSON.parse(rawConfig(core, id) ?? 'null')).toEqual({
      kind: 'feed',
      url: 'https://cut.example.com/feed.xml',
    });
  });

  it('can be removed, and the room lists the rest', async () => {
    const { core, room, bad } = await storeWithUnreadableSources();
    const removed = waitForEvent(core, 'sources.removed');
    expect(await core.call('sources.remove', { id: bad.newerSetting.id })).toEqual({ id: bad.newerSetting.id });
    expect(await removed).toEqual({ id: bad.newerSetting.id, roomId: room.id });
    const listed = await core.call<Source[]>('sources.list', { roomId: room.id });
    expect(listed.map((source) => source.label).sort()).toEqual(['Le Direct', 'Agence', 'Coupé', 'Répétition'].sort());
  });
});
