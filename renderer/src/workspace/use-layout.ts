import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';

/**
 * How one person arranged one room: panel sizes, which panels show, wall-screen mode.
 * Kept in this installation's (or this browser's) localStorage, keyed by room, so each
 * teammate keeps their own arrangement; the column order itself is the room's, in the store.
 */
export const WorkspaceLayout = z.object({
  volumeHeight: z.number().int().min(80).max(600).catch(150),
  volumeShown: z.boolean().catch(true),
  /** Column id → width in pixels. */
  columnWidths: z.record(z.string(), z.number().int().min(240).max(1200)).catch({}),
  wall: z.boolean().catch(false),
});
export type WorkspaceLayout = z.infer<typeof WorkspaceLayout>;

export const defaultLayout: WorkspaceLayout = { volumeHeight: 150, volumeShown: true, columnWidths: {}, wall: false };
export const columnWidthBounds = { min: 240, max: 1200, initial: 360 } as const;
export const volumeHeightBounds = { min: 80, max: 600 } as const;

const storageKey = (roomId: string) => `riposte.layout.${roomId}`;

export function readLayout(roomId: string, storage: Pick<Storage, 'getItem'> = localStorage): WorkspaceLayout {
  try {
    const raw = storage.getItem(storageKey(roomId));
    if (raw === null) return defaultLayout;
    const parsed = WorkspaceLayout.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaultLayout;
  } catch {
    // Storage refused (private mode) or damaged JSON: start from the defaults.
    return defaultLayout;
  }
}

export function writeLayout(roomId: string, layout: WorkspaceLayout, storage: Pick<Storage, 'setItem'> = localStorage) {
  try {
    storage.setItem(storageKey(roomId), JSON.stringify(layout));
  } catch {
    // Full or refused storage: the layout still works for this session.
  }
}

/** The room's layout for this person, saved on every change. */
export function useLayout(roomId: string) {
  const [state, setState] = useState(() => ({ roomId, layout: readLayout(roomId) }));
  // Another room: read its own layout (state derived during render, no flash of the old one).
  const current = state.roomId === roomId ? state.layout : readLayout(roomId);
  if (state.roomId !== roomId) setState({ roomId, layout: current });

  useEffect(() => {
    writeLayout(state.roomId, state.layout);
  }, [state]);

  const update = useCallback(
    (patch: (layout: WorkspaceLayout) => Partial<WorkspaceLayout>) =>
      setState((previous) => ({ roomId: previous.roomId, layout: { ...previous.layout, ...patch(previous.layout) } })),
    [],
  );
  return { layout: current, update };
}
