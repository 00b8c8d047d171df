import { emptyItemState, type ItemState } from '../../../shared/columns/column';
import type { Db } from '../db/open-database';

interface StateRow {
  item_id: number;
  starred: number;
  handled: number;
  assigned_to: string | null;
  noise: number;
}

const toState = (row: StateRow): ItemState => ({
  starred: row.starred === 1,
  handled: row.handled === 1,
  assignedTo: row.assigned_to,
  noise: row.noise === 1,
});

export type ItemStateRepository = ReturnType<typeof createItemStateRepository>;

/** Star, handled, assignee and noise per item; hidden authors per room. */
export function createItemStateRepository(db: Db) {
  const byId = db.prepare<[number], StateRow>('SELECT * FROM item_states WHERE item_id = ?');
  const upsert = db.prepare<[number, string, number, number, string | null, number, number]>(
    `INSERT INTO item_states (item_id, room_id, starred, handled, assigned_to, noise, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET starred = excluded.starred, handled = excluded.handled,
       assigned_to = excluded.assigned_to, noise = excluded.noise, updated_at = excluded.updated_at`,
  );
  const manyById = db.prepare<[string], StateRow>(
    'SELECT * FROM item_states WHERE item_id IN (SELECT value FROM json_each(?))',
  );
  const hide = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO hidden_authors (room_id, author_handle, hidden_at) VALUES (?, ?, ?)',
  );
  const unhide = db.prepare<[string, string]>('DELETE FROM hidden_authors WHERE room_id = ? AND author_handle = ?');
  const hiddenOfRoom = db.prepare<[string], { author_handle: string }>(
    'SELECT author_handle FROM hidden_authors WHERE room_id = ? ORDER BY author_handle LIMIT 10000',
  );

  return {
    get(itemId: number): ItemState {
      const row = byId.get(itemId);
      return row ? toState(row) : emptyItemState;
    },
    /** States of these items; items never marked are absent from the map. */
    many(itemIds: number[]): Map<number, ItemState> {
      const found = new Map<number, ItemState>();
      if (itemIds.length === 0) return found;
      for (const row of manyById.all(JSON.stringify(itemIds))) found.set(row.item_id, toState(row));
      return found;
    },
    set(itemId: number, roomId: string, state: ItemState, at: number): void {
      upsert.run(
        itemId,
        roomId,
        state.starred ? 1 : 0,
        state.handled ? 1 : 0,
        state.assignedTo,
        state.noise ? 1 : 0,
        at,
      );
    },
    hideAuthor: (roomId: string, handle: string, at: number): void => void hide.run(roomId, handle, at),
    unhideAuthor: (roomId: string, handle: string): void => void unhide.run(roomId, handle),
    hiddenAuthors: (roomId: string): string[] => hiddenOfRoom.all(roomId).map((row) => row.author_handle),
  };
}
