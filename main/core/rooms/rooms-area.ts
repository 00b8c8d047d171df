import type { roomCalls } from '../../../shared/contract/calls/rooms';
import { nothingToClose, type Area, type CoreContext } from '../area';
import { createRoomRepository } from './room-repository';
import { createRoomService, type RoomService } from './room-service';

/** The war rooms themselves; `rooms` is how every other area checks a room exists. */
export function createRoomsArea(ctx: Pick<CoreContext, 'db' | 'events' | 'now'>): Area<typeof roomCalls> & {
  rooms: RoomService;
} {
  const rooms = createRoomService({
    rooms: createRoomRepository(ctx.db),
    now: ctx.now,
    onChanged: (room) => ctx.events.emit('rooms.changed', { room }),
  });
  return {
    rooms,
    handlers: {
      // A teammate's session sees only the room its invite is for.
      'rooms.list': (input, session) => {
        const all = rooms.list(input);
        const bound = session.binding;
        return bound ? all.filter((room) => room.id === bound.roomId) : all;
      },
      'rooms.get': ({ id }) => rooms.get(id),
      'rooms.create': rooms.create,
      'rooms.rename': rooms.rename,
      'rooms.archive': rooms.archive,
      'rooms.unarchive': rooms.unarchive,
    },
    close: nothingToClose,
  };
}
