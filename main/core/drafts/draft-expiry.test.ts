import { describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { freshnessState } from '../../../shared/drafts/freshness';
import { DEFAULT_FRESHNESS_WINDOW_MS } from '../../../shared/drafts/team';
import { tempCoresPerTest, createTestRoom, valueOf, waitForEvent } from '../testing/temp-core';

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const MINUTE = 60_000;
const createTempCore = tempCoresPerTest();

const value = valueOf;

async function setUp() {
  let clock = T0;
  // The clock is injected; the timer only decides how soon the test sees the sweep.
  const core = createTempCore(() => clock, { startIngest: false, draftExpiryIntervalMs: 10 });
  const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => value<T>(r));
  const room = await createTestRoom(core, T0);
  const add = (name: string, role: string) => call<RoomMember>('members.add', { roomId: room.id, name, role });
  const lead = await add('Léa', 'lead');
  const writer = await add('Walid', 'writer');
  const create = (body: string) =>
    core.as(writer).call<DraftView>('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'scratch' },
      body,
      networks: ['x'],
    });
  return {
    core,
    call,
    room,
    lead,
    writer,
    create,
    tick: (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
}

describe('drafts expire by themselves', () => {
  it('flags a draft red near the end of its window, then expires it as the system, leaving extended and approved drafts alone', async () => {
    const { core, call, room, lead, writer, create, tick, now } = await setUp();
    const stale = await create('Too late for this one');
    const extended = await create('Worth waiting for');
    const entry = await core.as(lead).call<BankEntry>('bank.add', {
      roomId: room.id,
      title: 'If we win',
      body: 'Champions!',
      networks: ['x'],
      validFrom: T0 - MINUTE,
      validUntil: T0 + 3_600_000,
    });
    const approved = await core.as(writer).call<DraftView>('bank.use', { id: entry.id });

    tick(DEFAULT_FRESHNESS_WINDOW_MS - 2 * MINUTE);
    expect(freshnessState(await call<DraftView>('drafts.get', { id: stale.id }), now())).toBe('red');
    await core.as(lead).call('drafts.transition', { id: extended.id, action: { type: 'extend', byMs: 10 * MINUTE } });

    const expiredEvent = waitForEvent(core, 'drafts.changed', (change) => change.draftId === stale.id);
    tick(3 * MINUTE);
    await expiredEvent;

    const drafts = await call<DraftView[]>('drafts.list', { roomId: room.id });
    const stateOf = (id: string) => drafts.find((d) => d.id === id)?.state;
    expect(stateOf(stale.id)).toBe('expired');
    // One sweep handles every due draft at once, so these were already looked at.
    expect(stateOf(extended.id)).toBe('draft');
    expect(stateOf(approved.id)).toBe('approved');

    const audit = await call<AuditEntry[]>('audit.list', { roomId: room.id, type: 'expired' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      draftId: stale.id,
      doneBy: 'system',
      doneByName: 'Riposte',
      doneByRole: 'system',
      from: 'draft',
      to: 'expired',
      messageKey: 'drafts.event.expired',
    });

    // The extension still counts: once its own window closes, it expires too.
    const laterEvent = waitForEvent(core, 'drafts.changed', (change) => change.draftId === extended.id);
    tick(10 * MINUTE);
    await laterEvent;
    expect((await call<DraftView>('drafts.get', { id: extended.id })).state).toBe('expired');

    // A lead can bring an expired draft back, with a fresh window.
    const reopened = await core
      .as(lead)
      .call<DraftView>('drafts.transition', { id: stale.id, action: { type: 'reopen' } });
    expect(reopened.state).toBe('draft');
    expect(reopened.expiresAt).toBe(now() + DEFAULT_FRESHNESS_WINDOW_MS);
  });

  it('expires drafts in review and with changes requested once their window has closed', async () => {
    const { core, call, lead, writer, create, tick } = await setUp();
    const inReview = await create('Review me');
    const sentBack = await create('Fix me');
    for (const draft of [inReview, sentBack]) {
      await core.as(writer).call('drafts.transition', { id: draft.id, action: { type: 'submit' } });
    }
    await core.as(lead).call('drafts.transition', { id: sentBack.id, action: { type: 'request_changes' } });

    const both = Promise.all(
      [inReview, sentBack].map((draft) =>
        waitForEvent(core, 'drafts.changed', (change) => change.draftId === draft.id),
      ),
    );
    tick(DEFAULT_FRESHNESS_WINDOW_MS);
    await both;
    const audit = await call<AuditEntry[]>('audit.list', { roomId: inReview.roomId, type: 'expired' });
    expect(audit.map((entry) => entry.from).sort()).toEqual(['changes_requested', 'in_review']);
  });

  it('expires the other rooms’ drafts when one room’s approval rules cannot be read', async () => {
    const { core, call, room, create, tick } = await setUp();
    const stuck = await create('In the room whose rules do not read');
    const other = await createTestRoom(core, T0, { name: 'Other' });
    const writer = await call<RoomMember>('members.add', { roomId: other.id, name: 'Ali', role: 'writer' });
    const stale = await core.as(writer).call<DraftView>('drafts.create', {
      roomId: other.id,
      trigger: { kind: 'scratch' },
      body: 'Too late here too',
      networks: ['x'],
    });
    core.db
      .prepare(
        'INSERT OR REPLACE INTO room_policies (room_id, policy, updated_at) VALUES (?, \'{"approverRoles":\', ?)',
      )
      .run(room.id, T0);
    tick(DEFAULT_FRESHNESS_WINDOW_MS + MINUTE);
    await waitForEvent(core, 'drafts.changed', (payload) => payload.roomId === other.id);
    expect(await call<DraftView>('drafts.get', { id: stale.id })).toMatchObject({ state: 'expired' });
    expect(await call<DraftView>('drafts.get', { id: stuck.id })).toMatchObject({ state: 'draft' });
  });
});
