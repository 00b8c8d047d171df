import type { ChecklistAnswer } from '../../../shared/drafts/checklist';
import { api } from '../api';
import { refetchOnRoom, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const none: Record<string, ChecklistAnswer> = {};
const roomAnswers: LiveQuery<string, Record<string, ChecklistAnswer>> = {
  load: (roomId) => api.checklist.roomAnswers({ roomId }),
  // Main pushes drafts.changed (no draft id) when a room-level answer changes.
  refetchOn: [refetchOnRoom('drafts.changed')],
};

/** The room-level checklist answers (given once before the event), kept live. */
export function useRoomAnswers(roomId: string): Record<string, ChecklistAnswer> {
  return useLiveQuery(roomAnswers, roomId, none).value;
}
