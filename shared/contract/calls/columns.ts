import { z } from 'zod';
import {
  Column,
  ColumnCreateInput,
  ColumnIdInput,
  ColumnItemsInput,
  ColumnItemsOutput,
  ColumnReorderInput,
  ColumnsOfRoomInput,
  ColumnUpdateInput,
  HiddenAuthorInput,
  ItemStateChanged,
  ItemStateInput,
  VolumeInput,
  VolumeOutput,
} from '../../columns/column';
import { call } from './define-call';

export const columnCalls = {
  'columns.list': call(ColumnsOfRoomInput, z.array(Column)),
  'columns.create': call(ColumnCreateInput, Column),
  'columns.update': call(ColumnUpdateInput, Column),
  'columns.remove': call(ColumnIdInput, z.object({ id: z.string() })),
  'columns.reorder': call(ColumnReorderInput, z.array(Column)),
  /** Hide everything in the column up to now. */
  'columns.clear': call(ColumnIdInput, Column),
  'columns.items': call(ColumnItemsInput, ColumnItemsOutput),
  /** Items per minute for the room, a column or a typed query. */
  'columns.volume': call(VolumeInput, VolumeOutput),
  'itemState.set': call(ItemStateInput, ItemStateChanged),
  'itemState.hideAuthor': call(HiddenAuthorInput, z.object({ roomId: z.string(), authorHandle: z.string() })),
  'itemState.unhideAuthor': call(HiddenAuthorInput, z.object({ roomId: z.string(), authorHandle: z.string() })),
  'itemState.hiddenAuthors': call(ColumnsOfRoomInput, z.array(z.string())),
};

export const columnEvents = {
  /** Any change to a room's columns (create, update, reorder, remove): listeners reload the list. */
  'columns.changed': z.object({ roomId: z.string() }),
  'itemState.changed': ItemStateChanged,
  'itemState.authorsChanged': z.object({ roomId: z.string() }),
};
