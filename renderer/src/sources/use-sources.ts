import { useEffect, useState } from 'react';
import type { ContractError } from '../../../shared/contract/result';
import type { Source } from '../../../shared/sources/source';
import { api } from '../api';

/** A room's sources, their health kept live by `sources.changed` / `sources.removed` pushes. */
export function useSources(roomId: string) {
  const [sources, setSources] = useState<Source[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    let live = true;
    void api.sources.list({ roomId }).then((result) => {
      if (!live) return;
      if (result.ok) setSources(result.value);
      else setError(result);
    });
    const offChanged = api.on('sources.changed', ({ source }) => {
      if (source.roomId !== roomId) return;
      setSources((current) => {
        const list = current ?? [];
        const index = list.findIndex((existing) => existing.id === source.id);
        if (index === -1) return [...list, source];
        const next = list.slice();
        next[index] = source;
        return next;
      });
    });
    const offRemoved = api.on('sources.removed', ({ id }) => {
      setSources((current) => current?.filter((source) => source.id !== id) ?? null);
    });
    return () => {
      live = false;
      offChanged();
      offRemoved();
    };
  }, [roomId]);

  return { sources, error };
}
