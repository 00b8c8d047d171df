import type { Cue, Moment } from '../../../shared/moments/moment';
import { api } from '../api';
import { refetchOnRoom, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const noMoments: Moment[] = [];
const noCues: Cue[] = [];

const roomMoments: LiveQuery<string, Moment[]> = {
  load: (roomId) => api.moments.list({ roomId }),
  refetchOn: [refetchOnRoom('moments.detected'), refetchOnRoom('moments.changed')],
};

/** A room's moments, newest first, kept live by `moments.detected` / `moments.changed`. */
export function useMoments(roomId: string) {
  const { value: moments, error } = useLiveQuery(roomMoments, roomId, noMoments);
  return { moments, error };
}

const roomCues: LiveQuery<string, Cue[]> = {
  load: (roomId) => api.cues.list({ roomId }),
  refetchOn: [refetchOnRoom('cues.changed')],
};

/** The room's run-of-show, refetched on `cues.changed`. */
export function useCues(roomId: string) {
  const { value: cues, error } = useLiveQuery(roomCues, roomId, noCues);
  return { cues, error };
}
