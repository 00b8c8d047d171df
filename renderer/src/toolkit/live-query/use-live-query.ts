import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { startLiveQuery, type LiveQuery, type LiveValue } from './live-query';

/**
 * A value from main kept fresh by pushed events (see live-query.ts for the rules).
 * `query` must be stable (defined at module level) and `params` a primitive or memoized:
 * either changing starts over, keeping the old value on screen until the new answer.
 * `set` replaces the value locally, e.g. an optimistic reorder before main confirms it.
 */
export function useLiveQuery<P, T>(query: LiveQuery<P, T>, params: P, initial: T) {
  const [state, setState] = useState<LiveValue<T>>(() => {
    const early = query.peek?.(params);
    return { value: early?.ok ? early.value : initial, error: null };
  });
  useEffect(() => {
    const live = startLiveQuery(query, params, { on: api.on, update: setState });
    return () => live.stop();
  }, [query, params]);
  const set = useCallback((value: T) => setState((current) => ({ value, error: current.error })), []);
  return { value: state.value, error: state.error, set };
}
