import { useCallback, useSyncExternalStore } from 'react';

/**
 * Who is at the keyboard in a room: picked by the person in the Drafts panel, remembered
 * per room in this browser or window. Everything that acts or arranges "as me" (drafts,
 * responding, the layout) reads it here and hears when it changes.
 */
const key = (roomId: string) => `riposte.me.${roomId}`;
const changedEvent = 'riposte:me-changed';

export function readMe(roomId: string): string | null {
  try {
    return localStorage.getItem(key(roomId));
  } catch {
    return null; // storage refused: nobody picked
  }
}

export function chooseMe(roomId: string, memberId: string | null): void {
  try {
    if (memberId) localStorage.setItem(key(roomId), memberId);
    else localStorage.removeItem(key(roomId));
  } catch {
    // Storage refused: the choice holds until the page reloads.
  }
  window.dispatchEvent(new CustomEvent(changedEvent));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(changedEvent, onChange);
  // Another window of the same browser picked someone else.
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(changedEvent, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The member id picked in this room, or null, kept current. */
export function useMeId(roomId: string): string | null {
  const snapshot = useCallback(() => readMe(roomId), [roomId]);
  return useSyncExternalStore(subscribe, snapshot);
}
