import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Room } from '../../../shared/rooms/room';
import { createCore } from '../create-core';
import { createTempCore, idleRuntime, tempDir } from '../testing/temp-core';
import { createSession } from '../session/session';

type TempCore = ReturnType<typeof createTempCore>;
let core: TempCore;
let clock = 1_700_000_000_000;

const validRoom = {
  name: 'Finale 2026',
  startsAt: Date.UTC(2026, 6, 19, 19),
  endsAt: Date.UTC(2026, 6, 19, 22),
  timeZone: 'Europe/Paris',
  language: 'fr' as const,
};

async function create(input: object = validRoom): Promise<Room> {
  const result = await core.dispatch('rooms.create', input);
  if (!result.ok) throw new Error(result.message);
  return result.value as Room;
}

beforeEach(() => {
  core = createTempCore(() => clock++);
});
afterEach(async () => core.dispose());

describe('rooms', () => {
  it('creates, lists, renames, archives and unarchives a room', async () => {
    const room = await create();
    expect(room).toMatchObject({ name: 'Finale 2026', timeZone: 'Europe/Paris', archivedAt: null });

    const renamed = await core.dispatch('rooms.rename', { id: room.id, name: '  Grande finale  ' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Grande finale' } });

    await core.dispatch('rooms.archive', { id: room.id });
    expect(await core.dispatch('rooms.list', {})).toEqual({ ok: true, value: [] });
    const all = await core.dispatch('rooms.list', { includeArchived: true });
    expect(all.ok && (all.value as Room[]).map((r) => r.name)).toEqual(['Grande finale']);

    const back = await core.dispatch('rooms.unarchive', { id: room.id });
    expect(back).toMatchObject({ ok: true, value: { archivedAt: null } });
  });

  it('pushes a change event for every change', async () => {
    const seen: string[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'rooms.changed') seen.push((payload as { room: Room }).room.name);
    });
    const room = await create();
    await core.dispatch('rooms.rename', { id: room.id, name: 'B' });
    expect(seen).toEqual(['Finale 2026', 'B']);
  });

  it('answers not_found for a room that does not exist', async () => {
    const result = await core.dispatch('rooms.rename', { id: 'nope', name: 'x' });
    expect(result).toMatchObject({ ok: false, code: 'not_found', messageKey: 'errors.room.notFound' });
  });

  it('keeps rooms across restarts', async () => {
    const dir = tempDir();
    try {
      const first = createCore({
        dataDir: dir.path,
        shell: 'serve',
        version: 't',
        seedDemo: false,
        ingestRuntime: idleRuntime,
      });
      await first.dispatch('rooms.create', validRoom, createSession());
      await first.close();
      const second = createCore({
        dataDir: dir.path,
        shell: 'serve',
        version: 't',
        seedDemo: false,
        ingestRuntime: idleRuntime,
      });
      const listed = await second.dispatch('rooms.list', {}, createSession());
      await second.close();
      expect(listed.ok && (listed.value as Room[]).map((r) => r.name)).toEqual(['Finale 2026']);
    } finally {
      dir.dispose();
    }
  });
});

describe('contract validation', () => {
  const badInputs: [string, object, string, string][] = [
    ['an empty name', { ...validRoom, name: '   ' }, 'name', 'errors.room.nameRequired'],
    ['a 10 MB name', { ...validRoom, name: 'x'.repeat(10 * 1024 * 1024) }, 'name', 'errors.room.nameTooLong'],
    [
      'an end before its start',
      { ...validRoom, endsAt: validRoom.startsAt - 1 },
      'endsAt',
      'errors.room.endBeforeStart',
    ],
    ['an unknown time zone', { ...validRoom, timeZone: 'Mars/Olympus' }, 'timeZone', 'errors.room.timeZoneUnknown'],
  ];

  it.each(badInputs)('refuses %s with a typed error and writes nothing', async (_, input, field, key) => {
    const existing = await create();
    const result = await core.dispatch('rooms.create', input);
    expect(result).toMatchObject({ ok: false, code: 'invalid_input', field, messageKey: key });
    expect(result.ok ? '' : result.message).not.toMatch(/^errors\./);
    const listed = await core.dispatch('rooms.list', {});
    expect(listed).toEqual({ ok: true, value: [existing] });
  });

  it('refuses a bad rename and leaves the stored name as it was', async () => {
    const room = await create();
    const result = await core.dispatch('rooms.rename', { id: room.id, name: '' });
    expect(result).toMatchObject({ ok: false, code: 'invalid_input', field: 'name' });
    expect(await core.dispatch('rooms.get', { id: room.id })).toMatchObject({
      ok: true,
      value: { name: 'Finale 2026' },
    });
  });

  it('refuses unknown calls and wrong shapes without throwing', async () => {
    expect(await core.dispatch('rooms.drop', {})).toMatchObject({ ok: false, code: 'not_found' });
    expect(await core.dispatch('rooms.list', 'everything')).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await core.dispatch('app.info', { extra: 1 })).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('remembers settings', async () => {
    expect(await core.dispatch('settings.get', {})).toEqual({
      ok: true,
      value: { locale: null, theme: 'system', lastRoomId: null },
    });
    await core.dispatch('settings.update', { locale: 'fr' });
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { locale: 'fr' } });
    expect(await core.dispatch('settings.update', { locale: 'de' })).toMatchObject({ ok: false, field: 'locale' });
  });

  it('reads stored settings it cannot use field by field, and damaged ones as the defaults', async () => {
    const store = (value: string) =>
      core.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('preferences', ?)").run(value);
    // A theme a newer build offers: only the theme falls back.
    store(JSON.stringify({ locale: 'fr', theme: 'high-contrast', lastRoomId: null }));
    expect(await core.dispatch('settings.get', {})).toEqual({
      ok: true,
      value: { locale: 'fr', theme: 'system', lastRoomId: null },
    });
    for (const damaged of ['{"locale":"fr', 'null', '"fr"']) {
      store(damaged);
      expect(await core.dispatch('settings.get', {}), damaged).toEqual({
        ok: true,
        value: { locale: null, theme: 'system', lastRoomId: null },
      });
    }
    expect(await core.dispatch('settings.update', { theme: 'dark' })).toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    });
  });
});
