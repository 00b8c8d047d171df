import { describe, expect, it } from 'vitest';
import type { Invite } from '../../../shared/contract/calls/access';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Role } from '../../../shared/drafts/team';
import type { AccountView, EntryView } from '../../../shared/publishing/outbox';
import { createTestRoom, tempCoresPerTest, valueOf } from '../testing/temp-core';
import { setUpOutbox, T0 } from './testing/outbox-test-kit';

const createTempCore = tempCoresPerTest();

/**
 * A hosted room with a queued Mastodon entry and a manual one, a second room on the same
 * host, and teammates joining either with an invite as they would from their laptop.
 */
async function hostedOutbox() {
  const kit = await setUpOutbox(createTempCore);
  kit.core.access.setHosting({ addresses: ['https://192.168.1.20:4477'], fingerprint: 'AB:CD' });
  const other = await createTestRoom(kit.core, T0, { name: 'Other room' });
  const otherLead = valueOf<RoomMember>(
    await kit.core.dispatch('members.add', { roomId: other.id, name: 'Lou', role: 'lead' }),
  );
  const join = async (roomId: string, inviter: RoomMember, role: Role) => {
    const invite = await kit.core
      .as(inviter)
      .call<Invite>('invites.create', { roomId, name: `${role} teammate`, role });
    const session = kit.core.access.sessionFor(kit.core.access.redeem(invite.code, 'laptop').token);
    if (!session) throw new Error('no session for a fresh token');
    return (call: string, input: unknown) => kit.core.dispatch(call, input, session);
  };
  const manual = await kit.core
    .as(kit.lead)
    .call<AccountView>('accounts.addManual', { roomId: kit.room.id, kind: 'x', label: 'X (by hand)' });
  const draft = await kit.approvedDraft();
  const entries = await kit.core
    .as(kit.writer)
    .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [kit.mastodon.id, manual.id] });
  const entryOf = (network: string) => {
    const entry = entries.find((e) => e.network === network);
    if (!entry) throw new Error(`no ${network} entry`);
    return entry;
  };
  const queued = entryOf('mastodon');
  const byHand = entryOf('manual');
  /** Every outbox call that names something of the room rather than the room itself. */
  const callsOnThings: Array<[string, unknown]> = [
    ['outbox.preflight', { draftId: draft.id }],
    ['outbox.publish', { draftId: draft.id, accountIds: [kit.bluesky.id] }],
    ['outbox.cancel', { id: queued.id }],
    ['outbox.retry', { id: queued.id }],
    ['outbox.confirmStale', { id: queued.id }],
    ['outbox.confirmManual', { id: byHand.id }],
    ['outbox.confirmRetracted', { id: byHand.id }],
    ['outbox.retract', { draftId: draft.id, reason: 'Erreur' }],
    ['accounts.remove', { id: kit.mastodon.id }],
  ];
  return { kit, other, otherLead, join, draft, queued, byHand, callsOnThings };
}

describe('who may publish, in a team session', () => {
  it('refuses a teammate of another room every outbox call on this room’s drafts, entries and accounts', async () => {
    const { kit, other, otherLead, join, queued, callsOnThings } = await hostedOutbox();
    // Their own room's lead: every capability there, so only the room can refuse them.
    const outsider = await join(other.id, otherLead, 'lead');
    for (const [name, input] of callsOnThings) {
      expect(await outsider(name, input), name).toMatchObject({
        ok: false,
        code: 'forbidden',
        messageKey: 'errors.team.otherRoom',
      });
    }
    const view = await kit.outbox();
    expect(view.entries.find((e) => e.id === queued.id)?.state).toBe('queued');
    expect(view.entries).toHaveLength(2);
    expect(await kit.call<AccountView[]>('accounts.list', { roomId: kit.room.id })).toHaveLength(3);
  });

  it('lets writers publish and cancel but not observers, and leaves freeze, retract and accounts to leads', async () => {
    const { kit, join, draft, queued } = await hostedOutbox();
    const observer = await join(kit.room.id, kit.lead, 'observer');
    const writer = await join(kit.room.id, kit.lead, 'writer');
    const lead = await join(kit.room.id, kit.lead, 'lead');
    const writes: Array<[string, unknown]> = [
      ['outbox.publish', { draftId: draft.id, accountIds: [kit.bluesky.id] }],
      ['outbox.cancel', { id: queued.id }],
      ['outbox.retry', { id: queued.id }],
      ['outbox.confirmStale', { id: queued.id }],
    ];
    for (const [name, input] of writes) {
      expect(await observer(name, input), name).toMatchObject({
        ok: false,
        code: 'forbidden',
        messageKey: 'errors.team.roleMay.write',
        params: { role: 'observer' },
      });
    }
    const manages: Array<[string, unknown]> = [
      ['outbox.freeze', { roomId: kit.room.id, reason: 'Deuil national' }],
      ['outbox.unfreeze', { roomId: kit.room.id }],
      ['outbox.retract', { draftId: draft.id, reason: 'Erreur' }],
      ['accounts.remove', { id: kit.mastodon.id }],
    ];
    for (const [name, input] of manages) {
      expect(await writer(name, input), name).toMatchObject({
        ok: false,
        code: 'forbidden',
        messageKey: 'errors.team.roleMay.manage',
        params: { role: 'writer' },
      });
    }
    expect(await writer('outbox.cancel', { id: queued.id })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    expect(await lead('outbox.freeze', { roomId: kit.room.id, reason: 'Deuil national' })).toMatchObject({ ok: true });
    expect(await lead('accounts.remove', { id: kit.mastodon.id })).toMatchObject({ ok: true });
  });
});
