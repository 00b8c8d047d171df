import type { ColumnItem } from '../../../shared/columns/column';
import type { columnCalls } from '../../../shared/contract/calls/columns';
import type { QueryNode } from '../../../shared/query/ast';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { ReadDb } from '../db/read-db';
import { createItemRepository } from '../items/item-repository';
import { toAst } from '../items/query';
import type { RoomService } from '../rooms/room-service';
import { columnError } from './column-errors';
import { createColumnItems } from './column-items';
import { createColumnRepository } from './column-repository';
import { createColumnService } from './column-service';
import { createItemStateRepository } from './item-state-repository';
import { createColumnVolume } from './column-volume';

export interface ColumnsAreaDeps extends Pick<CoreContext, 'db' | 'events' | 'now'> {
  /** For the column reads (items, volume): see db/read-db.ts. */
  read: ReadDb;
  rooms: RoomService;
}

/** The room's columns, what each shows (items, volume per minute) and each item's triage state. */
export function createColumnsArea({ db, read, rooms, now, events }: ColumnsAreaDeps): Area<typeof columnCalls> & {
  columnName(columnId: string): string | null;
  /** The newest posts of a room matching a parsed query (noise and hidden authors left out): the search's reader. */
  searchItems(roomId: string, query: QueryNode | null, limit: number): ColumnItem[];
} {
  const emit = events.emit;
  const items = createItemRepository(read);
  const repository = createColumnRepository(db);
  const columns = createColumnService({
    columns: repository,
    items,
    rooms,
    now,
    onChanged: (roomId) => emit('columns.changed', { roomId }),
  });
  const states = createItemStateRepository(db);
  const columnItems = createColumnItems(read, items, states);
  const volume = createColumnVolume(read, items);

  const roomOfItem = (itemId: number): string => {
    const roomId = items.roomOf(itemId);
    if (roomId === undefined) throw columnError('itemGone', { field: 'itemId' });
    return roomId;
  };

  const handlers: Area<typeof columnCalls>['handlers'] = {
    'columns.list': columns.list,
    'columns.create': columns.create,
    'columns.update': columns.update,
    'columns.remove': columns.remove,
    'columns.reorder': columns.reorder,
    'columns.clear': columns.clear,
    'columns.items': (input) => {
      rooms.get(input.roomId);
      if (input.columnId !== undefined) {
        const column = columns.get(input.columnId);
        if (column.roomId !== input.roomId) {
          throw columnError('notInRoom', { field: 'columnId' });
        }
        return columnItems({
          roomId: input.roomId,
          query: toAst(column.query),
          filters: column.filters,
          clearedThrough: column.clearedThrough,
          limit: input.limit,
          ...(input.timeRange !== undefined ? { timeRange: input.timeRange } : {}),
          ...(input.beforeId !== undefined ? { beforeId: input.beforeId } : {}),
        });
      }
      return columnItems({
        roomId: input.roomId,
        query: toAst(input.query ?? ''),
        filters: input.filters ?? {},
        clearedThrough: null,
        limit: input.limit,
        ...(input.timeRange !== undefined ? { timeRange: input.timeRange } : {}),
        ...(input.beforeId !== undefined ? { beforeId: input.beforeId } : {}),
      });
    },
    'columns.volume': (input) => {
      rooms.get(input.roomId);
      const column = input.columnId !== undefined ? columns.get(input.columnId) : undefined;
      if (column && column.roomId !== input.roomId) {
        throw columnError('notInRoom', { field: 'columnId' });
      }
      return volume({
        roomId: input.roomId,
        query: toAst(column?.query ?? input.query ?? ''),
        filters: column?.filters ?? {},
        ...(input.from !== undefined ? { from: input.from } : {}),
        ...(input.to !== undefined ? { to: input.to } : {}),
        ...(input.afterId !== undefined ? { afterId: input.afterId } : {}),
        ...(input.throughId !== undefined ? { throughId: input.throughId } : {}),
      });
    },
    'itemState.set': ({ itemId, ...patch }) => {
      const roomId = roomOfItem(itemId);
      const current = states.get(itemId);
      const state = {
        starred: patch.starred ?? current.starred,
        handled: patch.handled ?? current.handled,
        assignedTo: patch.assignedTo !== undefined ? patch.assignedTo || null : current.assignedTo,
        noise: patch.noise ?? current.noise,
      };
      states.set(itemId, roomId, state, now());
      const changed = { roomId, itemId, state };
      emit('itemState.changed', changed);
      return changed;
    },
    'itemState.hideAuthor': ({ roomId, authorHandle }) => {
      rooms.get(roomId);
      states.hideAuthor(roomId, authorHandle, now());
      emit('itemState.authorsChanged', { roomId });
      return { roomId, authorHandle };
    },
    'itemState.unhideAuthor': ({ roomId, authorHandle }) => {
      rooms.get(roomId);
      states.unhideAuthor(roomId, authorHandle);
      emit('itemState.authorsChanged', { roomId });
      return { roomId, authorHandle };
    },
    'itemState.hiddenAuthors': ({ roomId }) => {
      rooms.get(roomId);
      return states.hiddenAuthors(roomId);
    },
  };
  return {
    handlers,
    /** How moments name the column a spike was seen in. */
    columnName: (columnId) => repository.get(columnId)?.name ?? null,
    searchItems: (roomId, query, limit) =>
      columnItems({ roomId, query, filters: {}, clearedThrough: null, limit }).items,
    close: nothingToClose,
  };
}
