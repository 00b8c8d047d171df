import type { teamCalls } from '../../../shared/contract/calls/team';
import type { AuditLog } from '../audit/audit-log';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { RoomService } from '../rooms/room-service';
import { createTeamRepository } from './team-repository';
import { createTeamService, type TeamService } from './team-service';

/** The room's members and review rules; `team` is how other areas learn who acts and what the rules are. */
export function createTeamArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'now'> & { rooms: RoomService; audit: AuditLog },
): Area<typeof teamCalls> & { team: TeamService } {
  const { rooms } = ctx;
  const team = createTeamService({
    db: ctx.db,
    team: createTeamRepository(ctx.db),
    rooms,
    audit: ctx.audit,
    now: ctx.now,
    onChanged: (roomId) => ctx.events.emit('team.changed', { roomId }),
  });
  return {
    team,
    handlers: {
      'members.list': ({ roomId, includeRemoved }) => team.members(roomId, includeRemoved),
      'members.add': ({ roomId, name, role }) => team.addMember(roomId, name, role),
      'members.remove': ({ roomId, memberId }, session) => team.removeMember(roomId, team.actingIn(session), memberId),
      'policy.get': ({ roomId }) => {
        rooms.get(roomId);
        return team.policy(roomId);
      },
      'policy.update': ({ roomId, policy }, session) => team.updatePolicy(roomId, team.actingIn(session), policy),
    },
    close: nothingToClose,
  };
}
