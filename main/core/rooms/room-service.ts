import { randomUUID } from 'node:crypto';
import type { ValidCallInput } from '../../../shared/contract';
import type { Room } from '../../../shared/rooms/room';
import { AppError } from '../errors';
import type { RoomRepository } from './room-repository';

export interface RoomServiceDeps {
  rooms: RoomRepository;
  now: () => number;
  onChanged: (room: Room) => void;
}

export type RoomService = ReturnType<typeof createRoomService>;

export function createRoomService({ rooms, now, onChanged }: RoomServiceDeps) {
  const mustGet = (id: string): Room => {
    const room = rooms.get(id);
    if (!room) {
      throw new AppError('not_found', 'This war room no longer exists. It may have been removed on another machine.', {
        messageKey: 'errors.room.notFound',
      });
    }
    return room;
  };

  const changed = (id: string): Room => {
    const room = mustGet(id);
    onChanged(room);
    return room;
  };

  return {
    get: mustGet,
    list: (input: ValidCallInput<'rooms.list'>) => rooms.list(input.includeArchived),

    create(input: ValidCallInput<'rooms.create'>): Room {
      const at = now();
      const room: Room = { id: randomUUID(), ...input, archivedAt: null, createdAt: at, updatedAt: at };
      rooms.insert(room);
      return changed(room.id);
    },

    rename({ id, name }: ValidCallInput<'rooms.rename'>): Room {
      mustGet(id);
      rooms.rename(id, name, now());
      return changed(id);
    },

    /** Archiving hides a room from the list; nothing is deleted. Idempotent. */
    archive({ id }: ValidCallInput<'rooms.archive'>): Room {
      const room = mustGet(id);
      if (room.archivedAt !== null) return room;
      rooms.setArchived(id, now(), now());
      return changed(id);
    },

    unarchive({ id }: ValidCallInput<'rooms.unarchive'>): Room {
      const room = mustGet(id);
      if (room.archivedAt === null) return room;
      rooms.setArchived(id, null, now());
      return changed(id);
    },
  };
}
