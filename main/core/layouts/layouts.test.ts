import { describe, expect, it } from 'vitest';
import { defaultLayout } from '../../../shared/workspace/layout';
import { tempCoresPerTest, createTestRoom, valueOf } from '../testing/temp-core';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const createTempCore = tempCoresPerTest();

async function setUp() {
  const core = createTempCore(() => t0, { startIngest: false });
  const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
  const room = (name: string) => createTestRoom(core, t0, { name, hours: 1 });
  const final = await room('Final');
  const lea = await call<{ id: string }>('members.add', { roomId: final.id, name: 'Léa', role: 'lead' });
  const walid = await call<{ id: string }>('members.add', { roomId: final.id, name: 'Walid', role: 'writer' });
  return { core, call, room, final, lea, walid };
}

describe('layouts per room and person', () => {
  it('keeps each person’s arrangement apart, and the keyboard’s own before anyone is picked', async () => {
    const { call, final, lea, walid } = await setUp();
    expect(await call('layouts.get', { roomId: final.id, memberId: lea.id })).toBeNull();
    const leas = { ...defaultLayout, volumeShown: false, columnWidths: { 'col-1': 480 } };
    const walids = { ...defaultLayout, wall: true };
    await call('layouts.save', { roomId: final.id, memberId: lea.id, layout: leas });
    await call('layouts.save', { roomId: final.id, memberId: walid.id, layout: walids });
    await call('layouts.save', { roomId: final.id, memberId: null, layout: defaultLayout });
    expect(await call('layouts.get', { roomId: final.id, memberId: lea.id })).toEqual(leas);
    expect(await call('layouts.get', { roomId: final.id, memberId: walid.id })).toEqual(walids);
    expect(await call('layouts.get', { roomId: final.id, memberId: null })).toEqual(defaultLayout);
    const moved = { ...leas, volumeHeight: 300 };
    await call('layouts.save', { roomId: final.id, memberId: lea.id, layout: moved });
    expect(await call('layouts.get', { roomId: final.id, memberId: lea.id })).toEqual(moved);
  });

  it('refuses a bad layout or someone from another room, and keeps what was stored', async () => {
    const { core, call, room, final, lea } = await setUp();
    const kept = { ...defaultLayout, volumeHeight: 200 };
    await call('layouts.save', { roomId: final.id, memberId: lea.id, layout: kept });

    const tooWide = { ...kept, columnWidths: { 'col-1': 10_000 } };
    expect(await core.dispatch('layouts.save', { roomId: final.id, memberId: lea.id, layout: tooWide })).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    const other = await room('Other');
    expect(await core.dispatch('layouts.save', { roomId: other.id, memberId: lea.id, layout: kept })).toMatchObject({
      ok: false,
      code: 'not_found',
      field: 'memberId',
    });
    expect(await core.dispatch('layouts.get', { roomId: 'nope', memberId: null })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await call('layouts.get', { roomId: final.id, memberId: lea.id })).toEqual(kept);
  });
});
