import type { Source } from '../../../shared/sources/source';
import { loadAllSources } from './load-all-sources';
import { api } from '../api';
import { removeById, upsertById } from '../toolkit/live-query/list-changes';
import { patchOn, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const roomSources: LiveQuery<string, Source[] | null> = {
  load: (roomId) => loadAllSources(roomId, (input) => api.sources.list(input)),
  // Health changes are pushed with every poll and carry the whole source: apply them as
  // they come rather than ask for the list each time.
  patchOn: [
    patchOn('sources.changed', (current: Source[] | null, { source }, roomId: string) =>
      source.roomId === roomId ? upsertById(current ?? [], source) : current,
    ),
    patchOn('sources.removed', (current: Source[] | null, { id }) => (current ? removeById(current, id) : null)),
  ],
};

/** A room's sources, their health kept live by `sources.changed` / `sources.removed` pushes. */
export function useSources(roomId: string) {
  const { value: sources, error } = useLiveQuery(roomSources, roomId, null);
  return { sources, error };
}
