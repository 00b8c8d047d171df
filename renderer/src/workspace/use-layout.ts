import { useCallback, useEffect, useRef, useState } from 'react';
import { defaultLayout, readStoredLayout, type WorkspaceLayout } from '../../../shared/workspace/layout';
import { api } from '../api';
import { onMeChanging, useMeId } from '../session/who-am-i';

export { columnWidthBounds, initialColumnWidth, volumeHeightBounds } from '../../../shared/workspace/layout';

/**
 * The room as the person at the keyboard arranged it. The store keeps each person's layout
 * (layouts.get/save); this browser keeps a copy so the room opens in its arrangement at once,
 * before the store answers. Changes reach the copy at once and the store a moment later (a
 * splitter drag is one save, not sixty), and whatever is still waiting is saved when the
 * person or the room changes.
 */
const saveDelayMs = 400;
const cacheKey = (roomId: string, memberId: string | null) => `riposte.layout.${roomId}.${memberId ?? ''}`;
/** Where versions before the store kept one layout per room and browser: still read, once nothing newer is there. */
const legacyKey = (roomId: string) => `riposte.layout.${roomId}`;

export function readCachedLayout(
  roomId: string,
  memberId: string | null,
  storage: Pick<Storage, 'getItem'> = localStorage,
): WorkspaceLayout {
  try {
    const raw = storage.getItem(cacheKey(roomId, memberId)) ?? storage.getItem(legacyKey(roomId));
    return raw === null ? defaultLayout : readStoredLayout(JSON.parse(raw));
  } catch {
    // Storage refused (private mode) or damaged JSON: start from the defaults.
    return defaultLayout;
  }
}

function writeCachedLayout(roomId: string, memberId: string | null, layout: WorkspaceLayout): void {
  try {
    localStorage.setItem(cacheKey(roomId, memberId), JSON.stringify(layout));
  } catch {
    // Full or refused storage: the store still has it.
  }
}

interface LayoutState {
  roomId: string;
  memberId: string | null;
  layout: WorkspaceLayout;
  /** Changed here since it was read: the store's answer must not undo it. */
  edited: boolean;
}

export function useLayout(roomId: string) {
  const memberId = useMeId(roomId);
  const [state, setState] = useState<LayoutState>(() => ({
    roomId,
    memberId,
    layout: readCachedLayout(roomId, memberId),
    edited: false,
  }));
  // Another room or person: their own arrangement, derived during render (no flash of the old one).
  const current =
    state.roomId === roomId && state.memberId === memberId
      ? state
      : { roomId, memberId, layout: readCachedLayout(roomId, memberId), edited: false };
  if (current !== state) setState(current);

  useEffect(() => {
    let live = true;
    void api.layouts.get({ roomId }).then((result) => {
      if (!live || !result.ok || result.value === null) return;
      const stored = result.value;
      writeCachedLayout(roomId, memberId, stored);
      setState((previous) =>
        previous.roomId === roomId && previous.memberId === memberId && !previous.edited
          ? { ...previous, layout: stored }
          : previous,
      );
    });
    return () => {
      live = false;
    };
  }, [roomId, memberId]);

  // Main saves it as the person this window told it (session.identify), so it is sent
  // before another pick reaches main (onMeChanging), never after.
  const pending = useRef<{ roomId: string; layout: WorkspaceLayout } | null>(null);
  const flush = useCallback(() => {
    const waiting = pending.current;
    pending.current = null;
    if (waiting) void api.layouts.save({ roomId: waiting.roomId, layout: waiting.layout });
  }, []);
  useEffect(() => {
    if (!state.edited) return;
    writeCachedLayout(state.roomId, state.memberId, state.layout);
    pending.current = { roomId: state.roomId, layout: state.layout };
    const timer = setTimeout(flush, saveDelayMs);
    return () => clearTimeout(timer);
  }, [state, flush]);
  // Leaving this room or person (or the page unmounting the room) saves what is waiting.
  useEffect(() => onMeChanging(roomId, flush), [roomId, flush]);
  useEffect(() => flush, [roomId, memberId, flush]);
  // So does leaving the page (a reload, a closed tab): a change made in the last moment before
  // would otherwise be lost, and the store's older answer would undo it on the next open.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [flush]);

  const update = useCallback(
    (patch: (layout: WorkspaceLayout) => Partial<WorkspaceLayout>) =>
      setState((previous) => ({
        ...previous,
        layout: { ...previous.layout, ...patch(previous.layout) },
        edited: true,
      })),
    [],
  );
  return { layout: current.layout, update };
}
