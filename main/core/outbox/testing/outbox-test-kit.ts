import type { DraftView } from '../../../../shared/contract/calls/drafts';
import type { OutboxView } from '../../../../shared/contract/calls/publishing';
import type { RoomMember } from '../../../../shared/contract/calls/team';
import type { AccountView } from '../../../../shared/publishing/outbox';
import type { CoreOptions } from '../../create-core';
import { createTestRoom, type TestCore, valueOf } from '../../testing/temp-core';
import { createMemoryNetwork, type MemoryNetwork } from './memory-network';

export const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);

/** A clock tests move by hand; the sender's ticks are real, the times they record are this. */
export function testClock(start = T0) {
  let at = start;
  return { now: () => at, tick: (ms: number) => void (at += ms) };
}

/**
 * A room with a lead, a writer, an approver and an observer, a Mastodon and a Bluesky
 * account on an in-memory network, and a way to get a draft approved as the team would.
 */
export async function setUpOutbox(
  makeCore: (now: () => number, options: Partial<CoreOptions>) => TestCore,
  options: {
    clock?: ReturnType<typeof testClock>;
    network?: MemoryNetwork;
    core?: Partial<CoreOptions>;
    /** Connect the in-memory Mastodon and Bluesky accounts (not when testing a real client). */
    addAccounts?: boolean;
  } = {},
) {
  const clock = options.clock ?? testClock();
  const network = options.network ?? createMemoryNetwork(clock.now);
  const core = makeCore(clock.now, { startIngest: false, createPublisher: network.createPublisher, ...options.core });
  const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
  const room = await createTestRoom(core, T0);
  const add = (name: string, role: string) => call<RoomMember>('members.add', { roomId: room.id, name, role });
  const lead = await add('Léa', 'lead');
  const writer = await add('Walid', 'writer');
  const approver = await add('Anna', 'approver');
  const observer = await add('Olga', 'observer');
  const connect = options.addAccounts ?? true;
  const addAccount = (name: string, input: object) =>
    connect ? core.as(lead).call<AccountView>(name, { roomId: room.id, ...input }) : Promise.resolve(null);
  const mastodon = await addAccount('accounts.addMastodon', {
    instance: 'https://social.test',
    accessToken: 'token-123456',
  });
  const bluesky = await addAccount('accounts.addBluesky', {
    service: 'https://pds.test',
    identifier: 'riposte.test',
    appPassword: 'abcd-efgh-ijkl-mnop',
  });
  /** The in-memory accounts, for tests that connected them. */
  const accountOf = (account: AccountView | null): AccountView => {
    if (account === null) throw new Error('This test did not connect the in-memory accounts');
    return account;
  };

  const approvedDraft = async (body = 'Quelle finale ! Bravo aux Bleus.'): Promise<DraftView> => {
    const draft = await core.as(writer).call<DraftView>('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'scratch' },
      body,
      networks: ['mastodon'],
    });
    const template = await call<{ items: { id: string; kind: string; level: string }[] }>('checklist.get', {
      roomId: room.id,
    });
    for (const item of template.items.filter((i) => i.kind === 'question' && i.level === 'required')) {
      await core.as(writer).call('drafts.answer', { id: draft.id, itemId: item.id, value: 'pass' });
    }
    await core.as(writer).call('drafts.transition', { id: draft.id, action: { type: 'submit' } });
    return core.as(approver).call<DraftView>('drafts.transition', { id: draft.id, action: { type: 'approve' } });
  };

  const outbox = () => call<OutboxView>('outbox.get', { roomId: room.id });
  /** Waits until the outbox satisfies `check` (re-read after each change the sender makes). */
  const until = async (check: (view: OutboxView) => boolean, timeoutMs = 5000): Promise<OutboxView> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = await outbox();
      if (check(view)) return view;
      if (Date.now() > deadline)
        throw new Error(
          `The outbox never got there: ${JSON.stringify(view.entries.map((e) => [e.channelLabel, e.state, e.waitReason, e.failureReason]))}`,
        );
      await new Promise<void>((resolve) => {
        const off = core.events.subscribe((name) => {
          if (name !== 'outbox.changed') return;
          off();
          clearTimeout(timer);
          resolve();
        });
        const timer = setTimeout(() => {
          off();
          resolve();
        }, 250);
      });
    }
  };
  return {
    core,
    call,
    clock,
    network,
    room,
    lead,
    writer,
    approver,
    observer,
    get mastodon() {
      return accountOf(mastodon);
    },
    get bluesky() {
      return accountOf(bluesky);
    },
    approvedDraft,
    outbox,
    until,
  };
}
