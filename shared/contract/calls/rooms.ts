import { z } from 'zod';
import { Room, RoomCreateInput, RoomIdInput, RoomListInput, RoomRenameInput } from '../../rooms/room';
import { call } from './define-call';

export const roomCalls = {
  'rooms.list': call(RoomListInput, z.array(Room)),
  'rooms.get': call(RoomIdInput, Room),
  'rooms.create': call(RoomCreateInput, Room),
  'rooms.rename': call(RoomRenameInput, Room),
  'rooms.archive': call(RoomIdInput, Room),
  'rooms.unarchive': call(RoomIdInput, Room),
};

export const roomEvents = {
  'rooms.changed': z.object({ room: Room }),
};
