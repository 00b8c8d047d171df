import { useMemo } from 'react';
import type { OutboxView, PreflightView } from '../../../shared/contract/calls/publishing';
import type { EntryView } from '../../../shared/publishing/outbox';
import { api } from '../api';
import { refetchOn, refetchOnRoom, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const roomOutbox: LiveQuery<string, OutboxView | null> = {
  load: (roomId) => api.outbox.get({ roomId }),
  refetchOn: [refetchOnRoom('outbox.changed')],
};

/** The room's publishing accounts, entries and freeze, refetched whenever main says the outbox changed. */
export function useOutbox(roomId: string) {
  const { value: outbox, error } = useLiveQuery(roomOutbox, roomId, null);
  return { outbox, error };
}

/** A draft's entries, oldest first (the order they were published in). */
export function entriesOf(outbox: OutboxView | null, draftId: string): EntryView[] {
  return (outbox?.entries ?? []).filter((e) => e.draftId === draftId).sort((a, b) => a.createdAt - b.createdAt);
}

const draftPreflight: LiveQuery<{ roomId: string; draftId: string; version: number }, PreflightView[] | null> = {
  load: ({ draftId }) => api.outbox.preflight({ draftId }),
  // An account added, removed or needing reconnection changes what can be offered.
  refetchOn: [refetchOn('outbox.changed', (change, { roomId }) => change.roomId === roomId)],
};

/** What main would refuse per channel for this version of the draft, asked again when it changes. */
export function usePreflight(roomId: string, draftId: string, version: number) {
  const params = useMemo(() => ({ roomId, draftId, version }), [roomId, draftId, version]);
  return useLiveQuery(draftPreflight, params, null).value;
}
