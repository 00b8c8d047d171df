import { useEffect, useState } from 'react';
import type { Column } from '../../../shared/columns/column';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';

/** A room's columns in order, reloaded whenever anyone changes them (`columns.changed`). */
export function useColumns(roomId: string) {
  const [columns, setColumns] = useState<Column[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    let live = true;
    const reload = () =>
      api.columns.list({ roomId }).then((result) => {
        if (!live) return;
        if (result.ok) {
          setColumns(result.value);
          setError(null);
        } else {
          setError(result);
        }
      });
    void reload();
    const off = api.on('columns.changed', (payload) => {
      if (payload.roomId === roomId) void reload();
    });
    return () => {
      live = false;
      off();
    };
  }, [roomId]);

  return { columns, error, setColumns };
}
