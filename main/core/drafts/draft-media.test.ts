import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetListing } from '../../../shared/contract/calls/assets';
import type { DraftView, Revision } from '../../../shared/contract/calls/drafts';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { tempCoresPerTest, createTestRoom, valueOf } from '../testing/temp-core';

/** The smallest valid PNG: one transparent pixel. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const createTempCore = tempCoresPerTest();

async function setUp() {
  let clock = T0;
  const core = createTempCore(() => clock, { startIngest: false });
  const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
  const room = await createTestRoom(core, T0, { hours: 1 });
  const writer = await call<RoomMember>('members.add', { roomId: room.id, name: 'Walid', role: 'writer' });
  const folder = join(core.dataDir, 'assets', room.id);
  const drop = (name: string, bytes: Buffer = tinyPng) => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, name), bytes);
  };
  const draft = await core.as(writer).call<DraftView>('drafts.create', {
    roomId: room.id,
    trigger: { kind: 'scratch' },
    body: 'Allez !',
    networks: ['x'],
  });
  const save = (media: unknown, base = draft) =>
    core.as(writer).dispatch('drafts.save', { id: base.id, body: base.body, baseVersion: base.version, media });
  const later = (ms: number) => (clock += ms);
  return { core, call, room, writer, folder, drop, draft, save, later };
}

describe('assets.list', () => {
  it('creates the room folder on demand and lists only its images, by name', async () => {
    const { call, room, folder, drop } = await setUp();
    const empty = await call<AssetListing>('assets.list', { roomId: room.id });
    expect(empty).toEqual({ folder, files: [] });

    drop('goal.png');
    drop('Crowd.JPEG', Buffer.alloc(10));
    drop('notes.txt');
    drop('.hidden.png');
    mkdirSync(join(folder, 'sub.png'));
    const listed = await call<AssetListing>('assets.list', { roomId: room.id });
    expect(listed.files).toEqual([
      { name: 'Crowd.JPEG', size: 10, type: 'image/jpeg' },
      { name: 'goal.png', size: tinyPng.length, type: 'image/png' },
    ]);
  });

  it('caps the listing at 500 images', async () => {
    const { call, room, drop } = await setUp();
    for (let i = 0; i < 510; i++) drop(`img-${String(i).padStart(3, '0')}.gif`, Buffer.alloc(1));
    const listed = await call<AssetListing>('assets.list', { roomId: room.id });
    expect(listed.files).toHaveLength(500);
  });

  it('refuses a room that does not exist', async () => {
    const { core } = await setUp();
    const result = await core.dispatch('assets.list', { roomId: '../x' });
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('drafts.save with media', () => {
  it('attaches images from the folder, shows them in the view, and records a revision and an audit entry', async () => {
    const { call, core, room, draft, drop, save, later } = await setUp();
    expect(draft.media).toEqual([]);
    // Past the typing burst of the creation, so this save begins a revision of its own.
    later(120_000);
    drop('goal.png');
    drop('crowd.webp');
    const saved = valueOf<DraftView>(await save(['goal.png', 'crowd.webp', 'goal.png']));
    expect(saved.media).toEqual(['goal.png', 'crowd.webp']);
    expect(saved.version).toBe(draft.version + 1);
    expect(valueOf<DraftView>(await core.dispatch('drafts.get', { id: draft.id })).media).toEqual([
      'goal.png',
      'crowd.webp',
    ]);
    const listed = await call<DraftView[]>('drafts.list', { roomId: room.id });
    expect(listed[0]?.media).toEqual(['goal.png', 'crowd.webp']);
    const revisions = await call<Revision[]>('drafts.revisions', { id: draft.id });
    expect(revisions).toHaveLength(2);
    expect(revisions.map((r) => r.version).sort()).toEqual([1, saved.version]);
    const audit = await call<AuditEntry[]>('audit.list', { roomId: room.id, draftId: draft.id, type: 'edited' });
    expect(audit).toHaveLength(1);

    // Saving the body alone keeps the images; an empty list detaches them.
    const body = valueOf<DraftView>(
      await core.as({ id: saved.authorId, roomId: room.id }).dispatch('drafts.save', {
        id: draft.id,
        body: 'Allez les bleus !',
        baseVersion: saved.version,
      }),
    );
    expect(body.media).toEqual(['goal.png', 'crowd.webp']);
    expect(valueOf<DraftView>(await save([], body)).media).toEqual([]);
  });

  it('refuses a file that is not in the folder, with nothing saved', async () => {
    const { core, draft, save } = await setUp();
    const result = await save(['missing.png']);
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'media',
      messageKey: 'errors.draft.mediaMissing',
    });
    expect(valueOf<DraftView>(await core.dispatch('drafts.get', { id: draft.id }))).toMatchObject({
      media: [],
      version: draft.version,
    });
  });

  it('refuses paths that leave the folder, hidden files and non-images even when they exist', async () => {
    const { core, room, drop, save } = await setUp();
    drop('notes.txt');
    drop('.secret.png');
    mkdirSync(join(core.dataDir, 'assets', 'other'), { recursive: true });
    writeFileSync(join(core.dataDir, 'assets', 'other', 'x.png'), tinyPng);
    for (const name of [
      '../other/x.png',
      '..',
      `../${room.id}/notes.txt`,
      'sub/x.png',
      '..\\x.png',
      'notes.txt',
      '.secret.png',
    ]) {
      const result = await save([name]);
      expect(result, name).toMatchObject({ ok: false, code: 'invalid_input', field: 'media' });
    }
  });

  it('refuses more than four images', async () => {
    const { drop, save } = await setUp();
    const names = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png'];
    names.forEach((name) => drop(name));
    expect(await save(names)).toMatchObject({ ok: false, code: 'invalid_input', field: 'media' });
    expect(valueOf<DraftView>(await save(names.slice(0, 4))).media).toEqual(names.slice(0, 4));
  });
});
