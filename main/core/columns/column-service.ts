import { randomUUID } from 'node:crypto';
import type { Column } from '../../../shared/columns/column';
import type { ValidCallInput } from '../../../shared/contract';
import { toAst } from '../items/query';
import type { RoomService } from '../rooms/room-service';
import { columnError } from './column-errors';
import type { ColumnRepository } from './column-repository';
import type { ItemRepository } from '../items/item-repository';

export interface ColumnServiceDeps {
  columns: ColumnRepository;
  items: Pick<ItemRepository, 'newestPublishedAt'>;
  rooms: RoomService;
  now: () => number;
  onChanged: (roomId: string) => void;
}

export type ColumnService = ReturnType<typeof createColumnService>;

export function createColumnService({ columns, items, rooms, now, onChanged }: ColumnServiceDeps) {
  const mustGet = (id: string): Column => {
    const column = columns.get(id);
    if (!column) throw columnError('notFound');
    return column;
  };

  const save = (column: Column): Column => {
    columns.update(column);
    onChanged(column.roomId);
    return mustGet(column.id);
  };

  return {
    get: mustGet,
    list({ roomId }: ValidCallInput<'columns.list'>): Column[] {
      rooms.get(roomId);
      return columns.ofRoom(roomId);
    },

    create(input: ValidCallInput<'columns.create'>): Column {
      rooms.get(input.roomId);
      // Refuse a query that does not parse before anything is stored.
      toAst(input.query);
      const at = now();
      const column: Column = {
        id: randomUUID(),
        roomId: input.roomId,
        position: columns.nextPosition(input.roomId),
        name: input.name,
        query: input.query,
        filters: input.filters,
        alert: input.alert,
        paused: false,
        clearedThrough: null,
        createdAt: at,
        updatedAt: at,
      };
      columns.insert(column);
      onChanged(column.roomId);
      return mustGet(column.id);
    },

    update(input: ValidCallInput<'columns.update'>): Column {
      const column = mustGet(input.id);
      if (input.query !== undefined) toAst(input.query);
      return save({
        ...column,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.query !== undefined ? { query: input.query } : {}),
        ...(input.filters !== undefined ? { filters: input.filters } : {}),
        ...(input.alert !== undefined ? { alert: input.alert } : {}),
        ...(input.paused !== undefined ? { paused: input.paused } : {}),
        updatedAt: now(),
      });
    },

    clear({ id }: ValidCallInput<'columns.clear'>): Column {
      const column = mustGet(id);
      return save({ ...column, clearedThrough: items.newestPublishedAt(column.roomId) ?? now(), updatedAt: now() });
    },

    remove({ id }: ValidCallInput<'columns.remove'>): { id: string } {
      const column = mustGet(id);
      columns.remove(id);
      onChanged(column.roomId);
      return { id };
    },

    reorder({ roomId, ids }: ValidCallInput<'columns.reorder'>): Column[] {
      rooms.get(roomId);
      const current = columns.ofRoom(roomId);
      const known = new Set(current.map((column) => column.id));
      const given = new Set(ids);
      if (given.size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id))) {
        throw columnError('reorderRaced', { field: 'ids' });
      }
      columns.reorder(ids, now());
      onChanged(roomId);
      return columns.ofRoom(roomId);
    },
  };
}
