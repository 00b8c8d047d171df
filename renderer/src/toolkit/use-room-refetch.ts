import { useEffect } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract';
import { api } from '../api';

/** Pushed events that name the room they are about. */
type RoomEventName = { [E in EventName]: EventPayload<E> extends { roomId: string } ? E : never }[EventName];

/**
 * Runs `load` now, and again whenever main pushes `event` for this room: how panels keep a
 * list live (one refetch per push). `load` must be stable (useCallback) or the effect reruns.
 */
export function useRoomRefetch(event: RoomEventName, roomId: string, load: () => void): void {
  useEffect(() => {
    load();
    return api.on(event, (payload: { roomId: string }) => {
      if (payload.roomId === roomId) load();
    });
  }, [event, roomId, load]);
}
