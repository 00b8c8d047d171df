import type { Column } from '../../../shared/columns/column';
import { prefetch } from '../api';
import { columnPageSize } from '../workspace/use-column-items';

/** Columns whose first posts are fetched ahead: more than fit beside the side panel. */
const prefetchedColumns = 8;

/**
 * A page opened on a room asks for the room, its columns and their first posts while the
 * settings, the language and React are still starting, instead of one after the other once
 * each component has rendered: the first posts are on screen about three round trips sooner.
 * The components ask the same questions as usual and get these answers (shared-reads.ts).
 */
export function prefetchRoom(roomId: string): void {
  void prefetch('rooms.get', { id: roomId });
  void prefetch('columns.list', { roomId }).then((result) => {
    if (!result.ok) return;
    for (const column of (result.value as Column[]).slice(0, prefetchedColumns)) {
      void prefetch('columns.items', { roomId, columnId: column.id, limit: columnPageSize });
    }
  });
}
