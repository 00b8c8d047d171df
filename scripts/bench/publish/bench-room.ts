/**
 * A publishing room as the benches need it, made through the same calls a team makes: a
 * lead, a writer and an approver, a short undo window, a Mastodon account on the local
 * server (and a Bluesky one on the local PDS when asked), and drafts answered and
 * submitted, ready to be approved.
 */
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { AccountView } from '../../../shared/publishing/outbox';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Core } from '../../../main/core/create-core';
import type { IngestRuntime } from '../../../main/core/ingest/pipeline/ingest-runtime';
import { createSession, type Session } from '../../../main/core/session/session';

/** No polling in these benches: the core's ingest stays idle. */
export const idleIngest: IngestRuntime = {
  poll: () => new Promise(() => {}),
  startStream: () => {},
  stopStream: () => {},
  close: async () => {},
};

export type Caller = <T>(name: string, input: unknown) => Promise<T>;

/** A connection whose person is `memberId` in `roomId` (what session.identify does once checked). */
export function callerAs(core: Pick<Core, 'dispatch'>, roomId: string | null, memberId: string | null): Caller {
  const session: Session = createSession();
  if (roomId !== null && memberId !== null) session.identify(roomId, memberId);
  return async <T>(name: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(name, input, session);
    if (!result.ok) throw new Error(`${name} failed: ${result.code} ${result.message}`);
    return result.value as T;
  };
}

export interface BenchRoom {
  roomId: string;
  leadId: string;
  writerId: string;
  approverId: string;
  accountId: string;
  /** The Bluesky account, when the room was given one. */
  blueskyAccountId: string | null;
}

export async function createBenchRoom(
  core: Pick<Core, 'dispatch'>,
  options: {
    at: number;
    instance: string;
    token: string;
    publishHoldMs: number;
    freshnessWindowMs?: number;
    bluesky?: { service: string; identifier: string; appPassword: string };
  },
): Promise<BenchRoom> {
  const anyone = callerAs(core, null, null);
  const room = await anyone<{ id: string }>('rooms.create', {
    name: 'Bench publish',
    startsAt: options.at,
    endsAt: options.at + 24 * 3_600_000,
    timeZone: 'UTC',
    language: 'fr',
  });
  const add = (name: string, role: string) => anyone<RoomMember>('members.add', { roomId: room.id, name, role });
  const lead = await add('Lead', 'lead');
  const writer = await add('Writer', 'writer');
  const approver = await add('Approver', 'approver');
  const asLead = callerAs(core, room.id, lead.id);
  const policy = await asLead<Record<string, unknown>>('policy.get', { roomId: room.id });
  await asLead('policy.update', {
    roomId: room.id,
    policy: {
      ...policy,
      publishHoldMs: options.publishHoldMs,
      ...(options.freshnessWindowMs === undefined ? {} : { freshnessWindowMs: options.freshnessWindowMs }),
    },
  });
  const account = await asLead<AccountView>('accounts.addMastodon', {
    roomId: room.id,
    instance: options.instance,
    accessToken: options.token,
  });
  const bluesky = options.bluesky
    ? await asLead<AccountView>('accounts.addBluesky', { roomId: room.id, ...options.bluesky })
    : null;
  return {
    roomId: room.id,
    leadId: lead.id,
    writerId: writer.id,
    approverId: approver.id,
    accountId: account.id,
    blueskyAccountId: bluesky?.id ?? null,
  };
}

/** A draft written, its required checklist answered and submitted: one click from approved. */
export async function submittedDraft(core: Pick<Core, 'dispatch'>, room: BenchRoom, body: string): Promise<string> {
  const asWriter = callerAs(core, room.roomId, room.writerId);
  const draft = await asWriter<DraftView>('drafts.create', {
    roomId: room.roomId,
    trigger: { kind: 'scratch' },
    body,
    networks: ['mastodon'],
  });
  const template = await asWriter<{ items: { id: string; kind: string; level: string }[] }>('checklist.get', {
    roomId: room.roomId,
  });
  for (const item of template.items.filter((i) => i.kind === 'question' && i.level === 'required')) {
    await asWriter('drafts.answer', { id: draft.id, itemId: item.id, value: 'pass' });
  }
  await asWriter('drafts.transition', { id: draft.id, action: { type: 'submit' } });
  return draft.id;
}

export const approve = (core: Pick<Core, 'dispatch'>, room: BenchRoom, draftId: string): Promise<DraftView> =>
  callerAs(
    core,
    room.roomId,
    room.approverId,
  )<DraftView>('drafts.transition', {
    id: draftId,
    action: { type: 'approve' },
  });
