import type { roomCalls } from '../../../shared/contract/calls/rooms';
import type { HandlersOf } from '../contract/dispatch';
import type { RoomService } from './room-service';

export function roomHandlers(rooms: RoomService): HandlersOf<typeof roomCalls> {
  return {
    'rooms.list': rooms.list,
    'rooms.get': ({ id }) => rooms.get(id),
    'rooms.create': rooms.create,
    'rooms.rename': rooms.rename,
    'rooms.archive': rooms.archive,
    'rooms.unarchive': rooms.unarchive,
  };
}
