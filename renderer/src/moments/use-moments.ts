import { useCallback, useEffect, useState } from 'react';
import type { Cue, Moment } from '../../../shared/moments/moment';
import { api } from '../api';
import { useRoomRefetch } from '../toolkit/use-room-refetch';

/** A room's moments, newest first, kept live by `moments.detected` / `moments.changed`. */
export function useMoments(roomId: string) {
  const [moments, setMoments] = useState<Moment[]>([]);
  const reload = useCallback(() => {
    void api.moments.list({ roomId }).then((result) => result.ok && setMoments(result.value));
  }, [roomId]);
  useEffect(() => {
    reload();
    const offDetected = api.on('moments.detected', (payload) => {
      if (payload.roomId === roomId) reload();
    });
    const offChanged = api.on('moments.changed', (payload) => {
      if (payload.roomId === roomId) reload();
    });
    return () => {
      offDetected();
      offChanged();
    };
  }, [roomId, reload]);
  return moments;
}

/** The room's run-of-show, refetched on `cues.changed`. */
export function useCues(roomId: string) {
  const [cues, setCues] = useState<Cue[]>([]);
  const reload = useCallback(
    () => void api.cues.list({ roomId }).then((result) => result.ok && setCues(result.value)),
    [roomId],
  );
  useRoomRefetch('cues.changed', roomId, reload);
  return cues;
}
