import type { z } from 'zod';
import { ColumnAlert, ColumnFilters, type Column } from '../../../shared/columns/column';
import type { Db } from '../db/open-database';

interface ColumnRow {
  id: string;
  room_id: string;
  position: number;
  name: string;
  query: string;
  filters: string;
  /** JSON ColumnAlert, or null when the column has no watch rule. */
  alert: string | null;
  paused: number;
  cleared_through: number | null;
  created_at: number;
  updated_at: number;
}

/** Stored by this code from validated input; a damaged value falls back to `fallback`. */
function parseStored<T>(schema: z.ZodType<T>, json: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

const toColumn = (row: ColumnRow): Column => ({
  id: row.id,
  roomId: row.room_id,
  position: row.position,
  name: row.name,
  query: row.query,
  filters: parseStored(ColumnFilters, row.filters, {}),
  alert: row.alert === null ? null : parseStored(ColumnAlert, row.alert, null),
  paused: row.paused === 1,
  clearedThrough: row.cleared_through,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type ColumnRepository = ReturnType<typeof createColumnRepository>;

export function createColumnRepository(db: Db) {
  const insert = db.prepare<[ColumnRow]>(
    `INSERT INTO columns (id, room_id, position, name, query, filters, alert, paused, cleared_through, created_at, updated_at)
     VALUES (@id, @room_id, @position, @name, @query, @filters, @alert, @paused, @cleared_through, @created_at, @updated_at)`,
  );
  const byId = db.prepare<[string], ColumnRow>('SELECT * FROM columns WHERE id = ?');
  const ofRoom = db.prepare<[string], ColumnRow>(
    'SELECT * FROM columns WHERE room_id = ? ORDER BY position, created_at LIMIT 200',
  );
  const nextPosition = db.prepare<[string], { next: number }>(
    'SELECT coalesce(max(position) + 1, 0) AS next FROM columns WHERE room_id = ?',
  );
  const update = db.prepare<[ColumnRow]>(
    `UPDATE columns SET name = @name, query = @query, filters = @filters, alert = @alert, paused = @paused,
       cleared_through = @cleared_through, updated_at = @updated_at WHERE id = @id`,
  );
  const setPosition = db.prepare<[number, number, string]>(
    'UPDATE columns SET position = ?, updated_at = ? WHERE id = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM columns WHERE id = ?');

  const reorderAll = db.transaction((ids: string[], at: number) => {
    ids.forEach((id, index) => setPosition.run(index, at, id));
  });

  const toRow = (column: Column): ColumnRow => ({
    id: column.id,
    room_id: column.roomId,
    position: column.position,
    name: column.name,
    query: column.query,
    filters: JSON.stringify(column.filters),
    alert: column.alert === null ? null : JSON.stringify(column.alert),
    paused: column.paused ? 1 : 0,
    cleared_through: column.clearedThrough,
    created_at: column.createdAt,
    updated_at: column.updatedAt,
  });

  return {
    get(id: string): Column | undefined {
      const row = byId.get(id);
      return row ? toColumn(row) : undefined;
    },
    ofRoom: (roomId: string): Column[] => ofRoom.all(roomId).map(toColumn),
    nextPosition: (roomId: string): number => nextPosition.get(roomId)?.next ?? 0,
    insert: (column: Column): void => void insert.run(toRow(column)),
    update: (column: Column): void => void update.run(toRow(column)),
    remove: (id: string): void => void remove.run(id),
    /** Positions follow the order of `ids`, in one transaction. */
    reorder(ids: string[], at: number): void {
      reorderAll(ids, at);
    },
  };
}
