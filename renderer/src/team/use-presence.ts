import { useEffect, useRef, useState } from 'react';
import type { Presence } from '../../../shared/contract/calls/access';
import { api } from '../api';

/** Typing refreshes the soft lock at most this often; main drops it 15 s after the last refresh. */
const editingRefreshMs = 5_000;

/**
 * Says main this window looks at `draftId` (and when its person types in the body), and
 * returns the others looking at the same draft. Leaving the draft says so.
 */
export function useDraftPresence(roomId: string, draftId: string, memberId: string | null) {
  const [people, setPeople] = useState<Presence[]>([]);
  const lastEditing = useRef(0);

  useEffect(() => {
    if (!memberId) return undefined;
    void api.presence.set({ roomId, draftId, editing: false }).then((r) => r.ok && setPeople(r.value));
    const off = api.on('presence.changed', (payload) => {
      if (payload.roomId === roomId) setPeople(payload.people);
    });
    return () => {
      off();
      void api.presence.set({ roomId, draftId: null });
    };
  }, [roomId, draftId, memberId]);

  const typing = () => {
    if (!memberId || Date.now() - lastEditing.current < editingRefreshMs) return;
    lastEditing.current = Date.now();
    void api.presence.set({ roomId, draftId, editing: true });
  };
  const others = people.filter((person) => person.draftId === draftId && person.memberId !== memberId);
  return { others, typing };
}
