import type { Column } from '../../../shared/columns/column';
import { api, peek } from '../api';
import { refetchOnRoom, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const roomColumns: LiveQuery<string, Column[] | null> = {
  load: (roomId) => api.columns.list({ roomId }),
  peek: (roomId) => peek('columns.list', { roomId }),
  refetchOn: [refetchOnRoom('columns.changed')],
};

/** A room's columns in order, reloaded whenever anyone changes them (`columns.changed`). */
export function useColumns(roomId: string) {
  const { value: columns, error, set: setColumns } = useLiveQuery(roomColumns, roomId, null);
  return { columns, error, setColumns };
}
