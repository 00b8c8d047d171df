import { describe, expect, it } from 'vitest';
import type { Connection, Invite } from '../../../shared/contract/calls/access';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Role } from '../../../shared/drafts/team';
import type { Capability } from '../../../shared/team/capabilities';
import type { Session } from '../session/session';
import { createTestRoom, tempCoresPerTest, valueOf, type TestCore } from '../testing/temp-core';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const createTempCore = tempCoresPerTest();

/** A room hosted for the team, its lead (at the host machine), and a way to bring in teammates. */
async function hostedRoom(clock: { now: number } = { now: t0 }) {
  const core = createTempCore(() => clock.now, { startIngest: false });
  core.access.setHosting({ addresses: ['https://192.168.1.20:4477'], fingerprint: 'AB:CD' });
  const room = await createTestRoom(core, t0);
  const lead = valueOf<RoomMember>(await core.dispatch('members.add', { roomId: room.id, name: 'Léa', role: 'lead' }));
  const host = core.as(lead);
  /** Invites someone with `role` and redeems it as they would, on their device. */
  const join = async (role: Role, name = `${role} person`) => {
    const invite = await host.call<Invite>('invites.create', { roomId: room.id, name, role });
    const { token } = core.access.redeem(invite.code, `${name}'s laptop`);
    const session = core.access.sessionFor(token);
    if (!session) throw new Error('no session for a fresh token');
    return { invite, token, session, call: (call: string, input: unknown) => core.dispatch(call, input, session) };
  };
  return { core, room, lead, host, join, clock };
}

async function aDraft(core: TestCore, session: Session, roomId: string) {
  return valueOf<DraftView>(
    await core.dispatch('drafts.create', { roomId, trigger: { kind: 'scratch' }, body: 'Allez !' }, session),
  );
}

describe('invites', () => {
  it('give a one-time link, a short code, a QR code and the fingerprint; the secret is stored only as a hash', async () => {
    const { core, room, host } = await hostedRoom();
    const invite = await host.call<Invite>('invites.create', { roomId: room.id, name: 'Walid', role: 'writer' });
    expect(invite.link).toMatch(/^https:\/\/192\.168\.1\.20:4477\/join#invite=[\w-]{43}$/);
    expect(invite.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(invite.qrSvg).toContain('<svg');
    expect(invite.fingerprint).toBe('AB:CD');
    expect(invite.expiresAt).toBe(t0 + 24 * 3_600_000);
    const stored = JSON.stringify(core.db.prepare('SELECT * FROM team_invites').all());
    expect(stored).not.toContain(invite.code);
    expect(stored).not.toContain(invite.link?.split('=')[1]);
  });

  it('work once: a stolen invite used a second time is refused, as is an unknown code', async () => {
    const { core, room, host } = await hostedRoom();
    const invite = await host.call<Invite>('invites.create', { roomId: room.id, name: 'Walid', role: 'writer' });
    const secret = invite.link?.split('#invite=')[1] ?? '';
    expect(core.access.redeem(secret, 'laptop').binding.memberId).toBe(invite.memberId);
    expect(() => core.access.redeem(secret, 'thief')).toThrow(/already used/);
    expect(() => core.access.redeem(invite.code, 'thief')).toThrow(/already used/);
    expect(() => core.access.redeem('AAAAA-AAAAA', 'guess')).toThrow(/not valid/);
  });

  it('expire after 24 hours', async () => {
    const { core, room, host, clock } = await hostedRoom();
    const invite = await host.call<Invite>('invites.create', { roomId: room.id, name: 'Walid', role: 'writer' });
    clock.now = t0 + 24 * 3_600_000;
    expect(() => core.access.redeem(invite.code, 'late')).toThrow(/expired/);
  });

  it('are for leads only', async () => {
    const { join, room } = await hostedRoom();
    const writer = await join('writer');
    expect(await writer.call('invites.create', { roomId: room.id, name: 'X', role: 'lead' })).toMatchObject({
      ok: false,
      code: 'forbidden',
      messageKey: 'errors.team.roleMay.manage',
    });
  });
});

describe('a team session', () => {
  it('is bound to its person: identify as someone else is refused, and no call input names an actor', async () => {
    const { join, room, lead } = await hostedRoom();
    const observer = await join('observer');
    expect(await observer.call('session.identify', { roomId: room.id, memberId: lead.id })).toMatchObject({
      ok: false,
      code: 'forbidden',
      messageKey: 'errors.team.boundSession',
    });
    expect(await observer.call('session.get', { roomId: room.id })).toEqual({
      ok: true,
      value: { roomId: room.id, memberId: observer.invite.memberId, bound: true },
    });
  });

  it('sees only its own room', async () => {
    const { core, join } = await hostedRoom();
    const other = await createTestRoom(core, t0, { name: 'Other' });
    const writer = await join('writer');
    expect(await writer.call('columns.list', { roomId: other.id })).toMatchObject({
      ok: false,
      messageKey: 'errors.team.otherRoom',
    });
    const rooms = valueOf<Array<{ id: string }>>(await writer.call('rooms.list', {}));
    expect(rooms.map((room) => room.id)).toEqual([writer.session.binding?.roomId]);
    expect(
      await writer.call('rooms.create', {
        name: 'Mine',
        startsAt: t0,
        endsAt: t0 + 3_600_000,
        timeZone: 'UTC',
        language: 'en',
      }),
    ).toMatchObject({
      ok: false,
      messageKey: 'errors.team.machineOnly',
    });
  });

  it('ends when the lead revokes it: the next call is refused as unauthorized, and the token no longer opens one', async () => {
    const { core, join, room, host } = await hostedRoom();
    const writer = await join('writer');
    const seen: string[][] = [];
    core.access.onRevoked((ids) => seen.push(ids));
    const connections = await host.call<Connection[]>('connections.list', { roomId: room.id });
    expect(connections).toMatchObject([{ name: 'writer person', device: "writer person's laptop", role: 'writer' }]);
    await host.call('connections.revoke', { roomId: room.id, sessionId: connections[0]?.sessionId });
    expect(seen).toEqual([[writer.session.binding?.sessionId]]);
    expect(await writer.call('drafts.list', { roomId: room.id })).toMatchObject({
      ok: false,
      code: 'unauthorized',
      messageKey: 'errors.team.sessionEnded',
    });
    expect(core.access.sessionFor(writer.token)).toBeNull();
  });

  it('ends with its person: revoking a person, or removing them from the team, ends all their sessions', async () => {
    const { core, join, room, host } = await hostedRoom();
    const writer = await join('writer');
    const { token } = core.access.redeem(
      (await host.call<Invite>('invites.reissue', { roomId: room.id, memberId: writer.invite.memberId })).code,
      'phone',
    );
    expect(await host.call('connections.revokePerson', { roomId: room.id, memberId: writer.invite.memberId })).toEqual({
      revoked: 2,
    });
    expect(core.access.sessionFor(token)).toBeNull();
    const analyst = await join('analyst');
    await host.call('members.remove', { roomId: room.id, memberId: analyst.invite.memberId });
    expect(core.access.sessionFor(analyst.token)).toBeNull();
  });
});

/** One row of the README's roles table each: a role without the capability is refused, with a clear error. */
describe('roles are enforced on every call', () => {
  const rows: Array<{
    capability: Capability;
    refused: Role;
    allowed: Role;
    call: (ctx: Awaited<ReturnType<typeof hostedRoom>>, draftId: string) => [string, unknown];
  }> = [
    {
      capability: 'comment',
      refused: 'observer',
      allowed: 'legal',
      call: (_, id) => ['drafts.comment', { id, body: 'Ok?' }],
    },
    {
      capability: 'curate',
      refused: 'approver',
      allowed: 'analyst',
      call: ({ room }) => ['cues.add', { roomId: room.id, label: 'Kick-off', at: t0 }],
    },
    {
      capability: 'export',
      refused: 'writer',
      allowed: 'analyst',
      call: ({ room }) => ['playbook.export', { roomId: room.id }],
    },
    {
      capability: 'write',
      refused: 'approver',
      allowed: 'writer',
      call: ({ room }) => ['drafts.create', { roomId: room.id, trigger: { kind: 'scratch' }, body: 'Hop' }],
    },
    {
      capability: 'review',
      refused: 'analyst',
      allowed: 'approver',
      call: (_, id) => ['drafts.transition', { id, action: { type: 'request_changes' } }],
    },
    {
      capability: 'manage',
      refused: 'approver',
      allowed: 'lead',
      call: ({ room }) => ['policy.update', { roomId: room.id, policy: { requireLegalApproval: true } }],
    },
  ];

  it('read: every role reads the room', async () => {
    const ctx = await hostedRoom();
    for (const role of ['observer', 'analyst', 'writer', 'approver', 'legal', 'lead'] as const) {
      const person = await ctx.join(role);
      expect(await person.call('drafts.list', { roomId: ctx.room.id }), role).toMatchObject({ ok: true });
      expect(await person.call('members.list', { roomId: ctx.room.id }), role).toMatchObject({ ok: true });
    }
  });

  for (const row of rows) {
    it(`${row.capability}: ${row.refused} is refused with a clear error, ${row.allowed} may`, async () => {
      const ctx = await hostedRoom();
      const writer = await ctx.join('writer', 'Walid');
      const draft = await aDraft(ctx.core, writer.session, ctx.room.id);
      await writer.call('drafts.transition', { id: draft.id, action: { type: 'submit' } });
      const refused = await ctx.join(row.refused, 'Refused');
      const [name, input] = row.call(ctx, draft.id);
      const answer = await refused.call(name, input);
      expect(answer).toMatchObject({
        ok: false,
        code: 'forbidden',
        messageKey: `errors.team.roleMay.${row.capability}`,
        params: { role: row.refused },
      });
      expect(answer.ok === false && answer.message).toContain(row.refused);
      const allowed = await ctx.join(row.allowed, 'Allowed');
      expect(await allowed.call(name, input), `${row.allowed} ${name}`).toMatchObject({ ok: true });
    });
  }
});

describe('presence', () => {
  it('says who looks at which draft, and who is editing its body, until it goes stale', async () => {
    const { core, join, room, clock } = await hostedRoom();
    const lea = await join('writer', 'Léa');
    const ali = await join('approver', 'Ali');
    const draft = await aDraft(core, lea.session, room.id);
    await lea.call('presence.set', { roomId: room.id, draftId: draft.id, editing: true });
    await ali.call('presence.set', { roomId: room.id, draftId: draft.id });
    expect(valueOf(await ali.call('presence.list', { roomId: room.id }))).toEqual([
      { memberId: lea.invite.memberId, name: 'Léa', draftId: draft.id, editing: true, since: t0 },
      { memberId: ali.invite.memberId, name: 'Ali', draftId: draft.id, editing: false, since: t0 },
    ]);
    clock.now = t0 + 20_000;
    expect(valueOf(await ali.call('presence.list', { roomId: room.id }))).toMatchObject([
      { name: 'Léa', editing: false },
      { name: 'Ali' },
    ]);
    core.forgetSession(lea.session);
    expect(valueOf(await ali.call('presence.list', { roomId: room.id }))).toMatchObject([{ name: 'Ali' }]);
  });
});

describe('the audit trail of who got in and who was let go', () => {
  it('names the lead who invited, re-invited, cancelled invites and revoked sessions, and the person who joined', async () => {
    const { core, join, room, host, lead } = await hostedRoom();
    const walid = await join('writer', 'Walid');
    const reissued = await host.call<Invite>('invites.reissue', { roomId: room.id, memberId: walid.invite.memberId });
    core.access.redeem(reissued.code, 'phone');
    await host.call('invites.reissue', { roomId: room.id, memberId: walid.invite.memberId });
    const [laptop] = await host.call<Connection[]>('connections.list', { roomId: room.id });
    await host.call('connections.revoke', { roomId: room.id, sessionId: laptop?.sessionId });
    await host.call('connections.revokePerson', { roomId: room.id, memberId: walid.invite.memberId });
    const ali = await join('analyst', 'Ali');
    await host.call('members.remove', { roomId: room.id, memberId: ali.invite.memberId });

    const trail = await host.call<AuditEntry[]>('audit.list', { roomId: room.id });
    const lines = trail
      .filter((entry) => entry.messageKey.match(/invite|session/i))
      .sort((a, b) => a.id - b.id)
      .map((entry) => [entry.type, entry.doneByName, entry.message]);
    expect(lines).toEqual([
      ['invite_created', 'Léa', 'Léa invited Walid as writer.'],
      ['invite_accepted', 'Walid', "Walid joined with their invite, on “Walid's laptop”."],
      ['invite_created', 'Léa', 'Léa made a new invite for Walid; their unused ones stopped working.'],
      ['invite_accepted', 'Walid', 'Walid joined with their invite, on “phone”.'],
      ['invite_created', 'Léa', 'Léa made a new invite for Walid; their unused ones stopped working.'],
      ['session_revoked', 'Léa', "Léa revoked the session of Walid on “Walid's laptop”."],
      ['invites_cancelled', 'Léa', 'Léa cancelled 1 unused invite(s) of Walid.'],
      ['session_revoked', 'Léa', 'Léa revoked the session of Walid on “phone”.'],
      ['invite_created', 'Léa', 'Léa invited Ali as analyst.'],
      ['invite_accepted', 'Ali', "Ali joined with their invite, on “Ali's laptop”."],
      ['session_revoked', 'Riposte', "The session of Ali on “Ali's laptop” ended: they left the team."],
    ]);
    expect([...trail].sort((a, b) => a.id - b.id).find((entry) => entry.type === 'session_revoked')).toMatchObject({
      doneBy: lead.id,
      messageKey: 'drafts.event.sessionRevoked',
      params: { name: 'Walid', device: "Walid's laptop" },
    });
  });
});

describe('a teammate’s preferences', () => {
  it('are their own, kept in the store, and follow them to another device', async () => {
    const { core, join, room, host } = await hostedRoom();
    const walid = await join('writer', 'Walid');
    expect(await walid.call('settings.update', { locale: 'fr', theme: 'dark' })).toMatchObject({
      ok: true,
      value: { locale: 'fr', theme: 'dark', lastRoomId: room.id },
    });
    expect(await host.call('settings.get', {})).toMatchObject({ locale: null, theme: 'system' });
    const phone = core.access.sessionFor(
      core.access.redeem(
        (await host.call<Invite>('invites.reissue', { roomId: room.id, memberId: walid.invite.memberId })).code,
        'phone',
      ).token,
    );
    if (!phone) throw new Error('no session for a fresh token');
    expect(await core.dispatch('settings.get', {}, phone)).toMatchObject({ value: { locale: 'fr', theme: 'dark' } });
    const stored = core.db
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
      .get(`preferences:member:${walid.invite.memberId}`);
    expect(JSON.parse(stored?.value ?? '{}')).toMatchObject({ locale: 'fr', theme: 'dark' });
  });
});
