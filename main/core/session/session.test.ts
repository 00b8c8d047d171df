import { describe, expect, it } from 'vitest';
import type { SessionPerson, SessionState } from '../../../shared/contract/calls/session';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { createTestRoom, tempCoresPerTest, valueOf } from '../testing/temp-core';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const createTempCore = tempCoresPerTest();

describe('session.identify', () => {
  it('picks a current member of the room, refuses anyone else, and forgets the pick on null', async () => {
    const core = createTempCore(() => t0, { startIngest: false });
    const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
    const final = await createTestRoom(core, t0, { name: 'Final' });
    const other = await createTestRoom(core, t0, { name: 'Other' });
    const add = (roomId: string, name: string, role: string) => call<RoomMember>('members.add', { roomId, name, role });
    const lea = await add(final.id, 'Léa', 'lead');
    const gone = await add(final.id, 'Walid', 'writer');
    const elsewhere = await add(other.id, 'Ali', 'writer');
    await core.as(lea).call('members.remove', { roomId: final.id, memberId: gone.id });

    // A window where Ali is picked in the other room: nobody is picked in the final yet.
    const window = core.as(elsewhere);
    expect(await window.call<SessionState>('session.get', { roomId: final.id })).toEqual({
      roomId: final.id,
      memberId: null,
      bound: false,
    });
    expect(await window.dispatch('session.identify', { roomId: final.id, memberId: lea.id })).toEqual({
      ok: true,
      value: { roomId: final.id, memberId: lea.id },
    });
    expect(await window.call<SessionState>('session.get', { roomId: final.id })).toEqual({
      roomId: final.id,
      memberId: lea.id,
      bound: false,
    });

    for (const stranger of [gone, elsewhere]) {
      expect(
        await window.dispatch('session.identify', { roomId: final.id, memberId: stranger.id }),
        stranger.name,
      ).toMatchObject({
        ok: false,
        code: 'not_found',
        messageKey: 'errors.team.notMember',
      });
    }
    // A refused pick leaves the one before it.
    expect(await window.call<SessionState>('session.get', { roomId: final.id })).toEqual({
      roomId: final.id,
      memberId: lea.id,
      bound: false,
    });

    expect(await window.call<SessionPerson>('session.identify', { roomId: final.id, memberId: null })).toEqual({
      roomId: final.id,
      memberId: null,
    });
    expect(await window.call<SessionState>('session.get', { roomId: final.id })).toEqual({
      roomId: final.id,
      memberId: null,
      bound: false,
    });
    // Picks are per room: the other room's is untouched.
    expect(await window.call<SessionState>('session.get', { roomId: other.id })).toEqual({
      roomId: other.id,
      memberId: elsewhere.id,
      bound: false,
    });
  });
});
