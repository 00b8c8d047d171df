import { describe, expect, it } from 'vitest';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { defaultLayout } from '../../../shared/workspace/layout';
import { tempCoresPerTest, createTestRoom, valueOf } from '../testing/temp-core';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const createTempCore = tempCoresPerTest();

async function setUp() {
  const core = createTempCore(() => t0, { startIngest: false });
  const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
  const room = (name: string) => createTestRoom(core, t0, { name, hours: 1 });
  const final = await room('Final');
  const lea = await call<RoomMember>('members.add', { roomId: final.id, name: 'Léa', role: 'lead' });
  const walid = await call<RoomMember>('members.add', { roomId: final.id, name: 'Walid', role: 'writer' });
  return { core, call, room, final, lea, walid };
}

describe('layouts per room and person', () => {
  it('keeps each person’s arrangement apart, and the keyboard’s own before anyone is picked', async () => {
    const { core, call, final, lea, walid } = await setUp();
    const asLea = core.as(lea);
    const asWalid = core.as(walid);
    expect(await asLea.call('layouts.get', { roomId: final.id })).toBeNull();
    const leas = { ...defaultLayout, volumeShown: false, columnWidths: { 'col-1': 480 } };
    const walids = { ...defaultLayout, wall: true };
    await asLea.call('layouts.save', { roomId: final.id, layout: leas });
    await asWalid.call('layouts.save', { roomId: final.id, layout: walids });
    await call('layouts.save', { roomId: final.id, layout: defaultLayout });
    expect(await asLea.call('layouts.get', { roomId: final.id })).toEqual(leas);
    expect(await asWalid.call('layouts.get', { roomId: final.id })).toEqual(walids);
    expect(await call('layouts.get', { roomId: final.id })).toEqual(defaultLayout);
    const moved = { ...leas, volumeHeight: 300 };
    await asLea.call('layouts.save', { roomId: final.id, layout: moved });
    expect(await asLea.call('layouts.get', { roomId: final.id })).toEqual(moved);
  });

  it('refuses a bad layout or someone from another room, and keeps what was stored', async () => {
    const { core, room, final, lea } = await setUp();
    const asLea = core.as(lea);
    const kept = { ...defaultLayout, volumeHeight: 200 };
    await asLea.call('layouts.save', { roomId: final.id, layout: kept });

    const tooWide = { ...kept, columnWidths: { 'col-1': 10_000 } };
    expect(await asLea.dispatch('layouts.save', { roomId: final.id, layout: tooWide })).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    const other = await room('Other');
    const leaInOther = core.as({ id: lea.id, roomId: other.id });
    expect(await leaInOther.dispatch('layouts.save', { roomId: other.id, layout: kept })).toMatchObject({
      ok: false,
      code: 'forbidden',
      messageKey: 'errors.team.pickYourself',
    });
    expect(await core.dispatch('layouts.get', { roomId: 'nope' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await asLea.call('layouts.get', { roomId: final.id })).toEqual(kept);
  });

  it('reads a damaged stored layout as the default arrangement, which the next save replaces', async () => {
    const { core, final, lea } = await setUp();
    const asLea = core.as(lea);
    await asLea.call('layouts.save', { roomId: final.id, layout: { ...defaultLayout, wall: true } });
    core.db.prepare('UPDATE layouts SET layout = \'{"volumeHeight":2\' WHERE room_id = ?').run(final.id);
    expect(await asLea.call('layouts.get', { roomId: final.id })).toEqual(defaultLayout);
    const next = { ...defaultLayout, volumeShown: false };
    await asLea.call('layouts.save', { roomId: final.id, layout: next });
    expect(await asLea.call('layouts.get', { roomId: final.id })).toEqual(next);
  });
});
