import type { Room } from '../../../shared/rooms/room';
import { api, peek } from '../api';
import { patchOn, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const openedRoom: LiveQuery<string, Room | null> = {
  load: (id) => api.rooms.get({ id }),
  peek: (id) => peek('rooms.get', { id }),
  // The push carries the whole room: no need to ask again.
  patchOn: [
    patchOn('rooms.changed', (current: Room | null, { room }, roomId: string) => (room.id === roomId ? room : current)),
  ],
};

/** The opened room, kept current by `rooms.changed` pushes about it. */
export function useRoom(roomId: string) {
  const { value: room, error } = useLiveQuery(openedRoom, roomId, null);
  return { room, error };
}
