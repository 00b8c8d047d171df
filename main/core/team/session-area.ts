import type { sessionCalls } from '../../../shared/contract/calls/session';
import { nothingToClose, type Area } from '../area';
import { keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import type { TeamService } from './team-service';

/**
 * Who is at the keyboard of a connection, per room. On the host machine the person says who
 * they are (picked in the window; they own the store); main checks they are a current member
 * of that room. A team session is bound to the member its invite was for: it cannot pick
 * anyone else. Every call that acts reads the person from the session, never from its input.
 */
export function createSessionArea(ctx: {
  rooms: RoomService;
  team: Pick<TeamService, 'isMember'>;
}): Area<typeof sessionCalls> {
  return {
    handlers: {
      'session.get': ({ roomId }, session) => {
        ctx.rooms.get(roomId);
        return { roomId, memberId: session.personIn(roomId), bound: session.binding !== null };
      },
      'session.identify': ({ roomId, memberId }, session) => {
        ctx.rooms.get(roomId);
        const bound = session.binding;
        if (bound && (bound.roomId !== roomId || bound.memberId !== memberId)) {
          throw keyedError(
            'forbidden',
            'errors.team.boundSession',
            'This session belongs to the person who redeemed the invite; nobody can act as someone else.',
            { field: 'memberId' },
          );
        }
        if (memberId !== null && !ctx.team.isMember(roomId, memberId)) {
          throw keyedError(
            'not_found',
            'errors.team.notMember',
            'This person is not a member of this room; pick someone from the team.',
            { field: 'memberId' },
          );
        }
        session.identify(roomId, memberId);
        return { roomId, memberId };
      },
    },
    close: nothingToClose,
  };
}
