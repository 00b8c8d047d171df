import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ColumnFilters, ColumnItem, ItemTimeRange } from '../../../shared/columns/column';
import type { ContractError } from '../../../shared/contract/result';
import { api, peek } from '../api';
import { mergeNewer } from './merge-newer';

/** What a column shows: a saved column, or a query typed in the search box. */
export type ColumnSource = { columnId: string } | { query: string; filters?: ColumnFilters };

export interface ColumnItemsOptions {
  roomId: string;
  source: ColumnSource;
  /** Changes when the saved column's query, filters or clear point change: reload from scratch. */
  version: string;
  paused: boolean;
  /** Only items published in this range (the volume panel's picked minute). */
  timeRange?: ItemTimeRange | null;
  /** Whether the reader is at the top of the list: new items are shown at once only then. */
  isAtTop: () => boolean;
}

/** Posts per page; prefetch-room.ts asks for the same first page. */
export const columnPageSize = 50;
const pageSize = columnPageSize;
// A live refresh asks for more than a page so a burst between two frames leaves no gap.
const refreshSize = 200;

/** A saved column's first page, if it was fetched ahead with the page (prefetch-room.ts) and has arrived. */
function firstPageFetchedAhead(roomId: string, source: ColumnSource, range: ItemTimeRange | null) {
  if (!('columnId' in source) || range) return undefined;
  const early = peek('columns.items', { roomId, columnId: source.columnId, limit: pageSize });
  return early?.ok ? early.value : undefined;
}

/**
 * The items of one column, kept live: each `items.added` for the room asks for the newest
 * items again, at most once per animation frame and never twice at the same time. When the
 * reader has scrolled away, new items wait in `pending` (the "N new" pill) instead.
 */
export function useColumnItems({ roomId, source, version, paused, timeRange, isAtTop }: ColumnItemsOptions) {
  const range = timeRange ?? null;
  const reloadKey = `${roomId}|${JSON.stringify(source)}|${version}|${range ? `${range.from}-${range.to}` : ''}`;
  // Rendered with at once when it is here; the load below still asks (and gets the same answer).
  const [first] = useState(() => firstPageFetchedAhead(roomId, source, range));
  const [items, setItems] = useState<ColumnItem[]>(first?.items ?? []);
  const [pending, setPending] = useState<ColumnItem[]>([]);
  const [terms, setTerms] = useState<string[]>(first?.terms ?? []);
  const [error, setError] = useState<ContractError | null>(null);
  const [loadedKey, setLoadedKey] = useState<string | null>(first ? reloadKey : null);
  const loading = loadedKey !== reloadKey;
  const [hasMore, setHasMore] = useState(first?.hasMore ?? false);
  const itemsRef = useRef<ColumnItem[]>(first?.items ?? []);
  const pendingRef = useRef<ColumnItem[]>([]);
  const request = useRef({ roomId, source, range, key: reloadKey });
  const isAtTopRef = useRef(isAtTop);
  // Callbacks below read the latest request without re-subscribing on every render.
  useLayoutEffect(() => {
    request.current = { roomId, source, range, key: reloadKey };
    isAtTopRef.current = isAtTop;
  });

  const show = useCallback((next: ColumnItem[]) => {
    itemsRef.current = next;
    setItems(next);
  }, []);
  const hold = useCallback((next: ColumnItem[]) => {
    pendingRef.current = next;
    setPending(next);
  }, []);

  const fetchPage = useCallback(
    (limit: number, beforeId?: number) =>
      api.columns.items({
        roomId: request.current.roomId,
        ...request.current.source,
        ...(request.current.range ? { timeRange: request.current.range } : {}),
        limit,
        ...(beforeId ? { beforeId } : {}),
      }),
    [],
  );

  // Full reload when the column itself changes.
  useEffect(() => {
    let live = true;
    void fetchPage(pageSize).then((result) => {
      if (!live) return;
      setLoadedKey(reloadKey);
      hold([]);
      if (!result.ok) {
        setError(result);
        show([]);
        return;
      }
      setError(null);
      setTerms(result.value.terms);
      setHasMore(result.value.hasMore);
      show(result.value.items);
    });
    return () => {
      live = false;
    };
  }, [reloadKey, fetchPage, show, hold]);

  // An answer to a request made before the column (or its time range) changed is dropped.
  const refreshNewer = useCallback(async () => {
    const key = request.current.key;
    const result = await fetchPage(refreshSize);
    if (!result.ok || key !== request.current.key) return;
    const all = [...pendingRef.current, ...itemsRef.current];
    const known = new Set(all.map((item) => item.id));
    const fresh = result.value.items.filter((item) => !known.has(item.id));
    if (fresh.length === 0) return;
    if (isAtTopRef.current() && pendingRef.current.length === 0) show(mergeNewer(itemsRef.current, fresh));
    else hold(mergeNewer(pendingRef.current, fresh));
  }, [fetchPage, show, hold]);

  // Live: coalesce pushes into one fetch per frame, one in flight at a time.
  useEffect(() => {
    if (paused) return;
    let frame = 0;
    let inFlight = false;
    let again = false;
    const run = () => {
      frame = 0;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      void refreshNewer().finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          schedule();
        }
      });
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(run);
    };
    // Resuming catches up on what arrived while paused.
    schedule();
    const off = api.on('items.added', (payload) => {
      if (payload.roomId === request.current.roomId) schedule();
    });
    return () => {
      off();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [paused, refreshNewer, reloadKey]);

  // Marks made anywhere (another window, a teammate) show at once; noise leaves the column,
  // and comes back in its place when it is undone.
  useEffect(() => {
    /** Items this column dropped as noise: only their un-hiding is worth a reload. */
    const droppedAsNoise = new Set<number>();
    const reloadWindow = () =>
      void fetchPage(Math.max(pageSize, itemsRef.current.length)).then((result) => {
        if (result.ok) show(result.value.items);
      });
    const offState = api.on('itemState.changed', ({ itemId, state }) => {
      const update = (list: ColumnItem[]) =>
        list.flatMap((item) => (item.id !== itemId ? [item] : state.noise ? [] : [{ ...item, state }]));
      const shown = itemsRef.current.some((item) => item.id === itemId);
      const pending = pendingRef.current.some((item) => item.id === itemId);
      if (state.noise && (shown || pending)) droppedAsNoise.add(itemId);
      if (shown) show(update(itemsRef.current));
      if (pending) hold(update(pendingRef.current));
      if (!state.noise && droppedAsNoise.delete(itemId)) reloadWindow();
    });
    const offAuthors = api.on('itemState.authorsChanged', (payload) => {
      if (payload.roomId === request.current.roomId) reloadWindow();
    });
    return () => {
      offState();
      offAuthors();
    };
  }, [fetchPage, show, hold]);

  /** The pill: puts the waiting items on top. */
  const showPending = useCallback(() => {
    show(mergeNewer(itemsRef.current, pendingRef.current));
    hold([]);
  }, [show, hold]);

  const loadOlder = useCallback(async () => {
    const last = itemsRef.current.at(-1);
    if (!last) return;
    const key = request.current.key;
    const result = await fetchPage(pageSize, last.id);
    if (!result.ok || key !== request.current.key) return;
    setHasMore(result.value.hasMore);
    const known = new Set(itemsRef.current.map((item) => item.id));
    show([...itemsRef.current, ...result.value.items.filter((item) => !known.has(item.id))]);
  }, [fetchPage, show]);

  return { items, pending, terms, error, loading, hasMore, showPending, loadOlder };
}
