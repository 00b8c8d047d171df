import { useEffect, useState } from 'react';
import type { ContractError } from '../../../shared/contract/result';
import type { Room } from '../../../shared/rooms/room';
import { api } from '../api';

/** The room list, kept fresh by `rooms.changed` pushes (from this tab or any other). */
export function useRooms(includeArchived: boolean) {
  const [rooms, setRooms] = useState<Room[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      api.rooms.list({ includeArchived }).then((result) => {
        if (!live) return;
        if (result.ok) {
          setRooms(result.value);
          setError(null);
        } else {
          setError(result);
        }
      });
    void load();
    const off = api.on('rooms.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [includeArchived]);

  return { rooms, error };
}

export function useRoom(roomId: string) {
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    let live = true;
    void api.rooms.get({ id: roomId }).then((result) => {
      if (!live) return;
      if (result.ok) setRoom(result.value);
      else setError(result);
    });
    const off = api.on('rooms.changed', ({ room: changed }) => {
      if (changed.id === roomId) setRoom(changed);
    });
    return () => {
      live = false;
      off();
    };
  }, [roomId]);

  return { room, error };
}
