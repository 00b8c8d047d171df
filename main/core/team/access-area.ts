import type { accessCalls } from '../../../shared/contract/calls/access';
import type { Area, CoreContext } from '../area';
import type { AuditLog } from '../audit/audit-log';
import type { RoomService } from '../rooms/room-service';
import type { Session } from '../session/session';
import { createAccessRepository } from './access-repository';
import { createAccessService, type AccessService } from './access-service';
import { requireCapability } from './call-gate';
import { createPresenceBoard } from './presence';
import type { TeamService } from './team-service';

/**
 * Hosting a room for the team: invites, the sessions redeemed from them, who is connected,
 * and who looks at which draft. `access` is what the host shell uses to redeem invites and
 * to know which session a cookie carries.
 */
export function createAccessArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'now'> & { rooms: RoomService; team: TeamService; audit: AuditLog },
): Area<typeof accessCalls> & { access: AccessService; forgetSession(session: Session): void } {
  const { rooms, team, events } = ctx;
  const access = createAccessService({
    db: ctx.db,
    access: createAccessRepository(ctx.db),
    team,
    audit: ctx.audit,
    now: ctx.now,
    onConnectionsChanged: (roomId) => events.emit('connections.changed', { roomId }),
  });
  const presence = createPresenceBoard({
    now: ctx.now,
    onChanged: (roomId, people) => events.emit('presence.changed', { roomId, people }),
  });
  const lead = (roomId: string, session: Session) => {
    rooms.get(roomId);
    const by = team.actingIn(session)(roomId);
    requireCapability(by, 'manage');
    return by;
  };
  const stopWatchingTeam = events.subscribe((event, payload) => {
    if (event === 'team.changed') access.endSessionsOfFormerMembers((payload as { roomId: string }).roomId);
  });

  return {
    access,
    forgetSession: (session) => presence.forget(session),
    handlers: {
      'invites.create': ({ roomId, name, role }, session) => access.invite(roomId, lead(roomId, session), name, role),
      'invites.reissue': ({ roomId, memberId }, session) => access.reissue(roomId, lead(roomId, session), memberId),
      'invites.list': ({ roomId }, session) => {
        lead(roomId, session);
        const members = new Map(team.members(roomId, true).map((member) => [member.id, member]));
        return access.invites(roomId, (id) => members.get(id));
      },
      'connections.list': ({ roomId }, session) => {
        lead(roomId, session);
        return access.connections(roomId);
      },
      'connections.revoke': ({ roomId, sessionId }, session) => ({
        revoked: access.revoke(roomId, lead(roomId, session), sessionId),
      }),
      'connections.revokePerson': ({ roomId, memberId }, session) => {
        const by = lead(roomId, session);
        team.member(roomId, memberId, 'memberId');
        return { revoked: access.revokePerson(roomId, by, memberId) };
      },
      'hosting.get': () => access.hosting(),
      'presence.set': ({ roomId, draftId, editing }, session) => {
        rooms.get(roomId);
        return presence.set(roomId, session, team.actingIn(session)(roomId), draftId, editing);
      },
      'presence.list': ({ roomId }) => {
        rooms.get(roomId);
        return presence.list(roomId);
      },
    },
    close: () => stopWatchingTeam(),
  };
}
