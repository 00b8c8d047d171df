import type { Room } from '../../../shared/rooms/room';
import { api } from '../api';
import { refetchOn, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const roomList: LiveQuery<boolean, Room[] | null> = {
  load: (includeArchived) => api.rooms.list({ includeArchived }),
  // Any room's change (from this tab or any other) may add, rename or archive one in the list.
  refetchOn: [refetchOn('rooms.changed')],
};

/** The room list, kept fresh by `rooms.changed` pushes. */
export function useRooms(includeArchived: boolean) {
  const { value: rooms, error } = useLiveQuery(roomList, includeArchived, null);
  return { rooms, error };
}
