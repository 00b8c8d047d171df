import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftView } from '../../shared/contract/calls/drafts';
import type { RoomMember } from '../../shared/contract/calls/team';
import { startHost } from './start-host';
import { createTestRoom, tempCoresPerTest, tempDir, valueOf } from '../core/testing/temp-core';

/** One transparent pixel. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const createTempCore = tempCoresPerTest();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const T0 = Date.UTC(2026, 6, 14, 20);

async function setUp() {
  const core = createTempCore(() => T0, { startIngest: false });
  const room = await createTestRoom(core, T0, { hours: 1 });
  const writer = valueOf<RoomMember>(
    await core.dispatch('members.add', { roomId: room.id, name: 'Walid', role: 'writer' }),
  );
  const folder = join(core.dataDir, 'assets', room.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'goal.png'), tinyPng);
  // What an attacker (or a careless sync tool) leaves in the folder.
  const secret = join(core.dataDir, 'outside-secret.txt');
  writeFileSync(secret, 'master key material');
  symlinkSync(secret, join(folder, 'leak.png'));
  symlinkSync('/etc/passwd', join(folder, 'passwd.jpg'));
  symlinkSync(join(folder, 'goal.png'), join(folder, 'alias.png'));
  writeFileSync(join(folder, 'renamed.gif'), 'not an image at all');
  const draft = await core.as(writer).call<DraftView>('drafts.create', {
    roomId: room.id,
    trigger: { kind: 'scratch' },
    body: 'Allez !',
    networks: ['x'],
  });
  const save = (media: string[]) =>
    core.as(writer).dispatch('drafts.save', { id: draft.id, body: draft.body, baseVersion: draft.version, media });
  return { core, room, save };
}

describe('links and fake images in a room asset folder', () => {
  it('are never served: a link leading outside, and a file whose bytes are not an image, answer 404', async () => {
    const { core, room } = await setUp();
    const renderer = tempDir();
    cleanups.push(() => renderer.dispose());
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Riposte</title>');
    const host = await startHost({ core, rendererDir: renderer.path, token: 'test-token-123' });
    cleanups.push(() => host.close());
    const get = (name: string) =>
      fetch(new URL(`/assets/${room.id}/${name}`, host.url), { headers: { cookie: 'riposte_session=test-token-123' } });

    for (const name of ['leak.png', 'passwd.jpg', 'renamed.gif']) {
      const response = await get(name);
      expect(response.status, name).toBe(404);
      const body = await response.text();
      expect(body, name).not.toContain('master key');
      expect(body, name).not.toContain('root:');
    }
    const real = await get('goal.png');
    expect(real.status).toBe(200);
    expect(real.headers.get('content-type')).toBe('image/png');
    // A link that stays inside the folder is only another name for a room image.
    expect((await get('alias.png')).status).toBe(200);
  });

  it('are refused as a draft’s media, and the draft keeps what it had', async () => {
    const { save } = await setUp();
    for (const name of ['leak.png', 'passwd.jpg', 'renamed.gif']) {
      expect(await save([name]), name).toMatchObject({ ok: false, code: 'invalid_input', field: 'media' });
    }
    expect(await save(['goal.png'])).toMatchObject({ ok: true, value: { media: ['goal.png'] } });
  });
});
