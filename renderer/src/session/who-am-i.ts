import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { api, onConnectionState } from '../api';

/**
 * Who is at the keyboard in a room: picked once per window (the prompt at first use, the
 * header's switch), remembered per room in this window's session storage, so a writer and
 * an approver can work side by side in two windows of one browser. Main acts as the person this connection told it
 * (session.identify), so every pick is told to main too; the UI (my role, what I may do)
 * reads it here and hears when it changes.
 */
const prefix = 'riposte.me.';
const key = (roomId: string) => `${prefix}${roomId}`;
const changedEvent = 'riposte:me-changed';
const changingEvent = 'riposte:me-changing';

export function readMe(roomId: string): string | null {
  try {
    return sessionStorage.getItem(key(roomId));
  } catch {
    return null; // storage refused: nobody picked
  }
}

/** Every room with a remembered pick. */
function rememberedRooms(): string[] {
  try {
    return Object.keys(sessionStorage)
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length));
  } catch {
    return [];
  }
}

/**
 * Tells main who is at the keyboard in the room. A member removed since the pick is
 * refused (not_found): the pick is forgotten so the picker shows again, unless the person
 * picked someone else meanwhile.
 */
function tellMain(roomId: string, memberId: string | null): void {
  void api.session.identify({ roomId, memberId }).then((result) => {
    if (!result.ok && result.code === 'not_found' && memberId !== null && readMe(roomId) === memberId) {
      chooseMe(roomId, null);
    }
    // A teammate's session belongs to the invited person: whatever was picked, main's answer holds.
    if (!result.ok && result.messageKey === 'errors.team.boundSession') followMain(roomId);
  });
}

/**
 * Rooms where this connection is a teammate's session: its person comes from the invite,
 * so there is nothing to pick (the picker is not shown, and the person is main's).
 */
const boundRooms = new Map<string, boolean>();

/** True for a teammate's session, false on the host's own; null until main has said. */
export function isBoundIn(roomId: string): boolean | null {
  return boundRooms.get(roomId) ?? null;
}

/** Takes main's person for this room when it has one (a team session is bound to it). */
function followMain(roomId: string): void {
  void api.session.get({ roomId }).then((result) => {
    if (!result.ok) return;
    if (boundRooms.get(roomId) !== result.value.bound) {
      boundRooms.set(roomId, result.value.bound);
      window.dispatchEvent(new CustomEvent(changedEvent));
    }
    if (result.value.memberId === null || result.value.memberId === readMe(roomId)) return;
    try {
      sessionStorage.setItem(key(roomId), result.value.memberId);
    } catch {
      // Storage refused: main still acts as the bound person.
    }
    window.dispatchEvent(new CustomEvent(changedEvent));
  });
}

export function chooseMe(roomId: string, memberId: string | null): void {
  // Whatever waits to be sent as the person before (a layout save) leaves before main switches.
  window.dispatchEvent(new CustomEvent(changingEvent, { detail: roomId }));
  try {
    if (memberId) sessionStorage.setItem(key(roomId), memberId);
    else sessionStorage.removeItem(key(roomId));
  } catch {
    // Storage refused: the choice holds until the page reloads.
  }
  tellMain(roomId, memberId);
  window.dispatchEvent(new CustomEvent(changedEvent));
}

/** Runs `listener` just before the pick of this room changes, while main still acts as the person before. */
export function onMeChanging(roomId: string, listener: () => void): () => void {
  const handler = (event: Event) => {
    if (event instanceof CustomEvent && event.detail === roomId) listener();
  };
  window.addEventListener(changingEvent, handler);
  return () => window.removeEventListener(changingEvent, handler);
}

// Main keeps the picks per connection and a new connection starts with nobody: each time
// one opens (every socket reconnect in a browser tab; once at start in the desktop app),
// the remembered picks are told again. The api runs this before sending the calls it
// queued while disconnected, so those act as the right person.
onConnectionState((state) => {
  if (state === 'open') for (const roomId of rememberedRooms()) tellMain(roomId, readMe(roomId));
});

function subscribe(onChange: () => void): () => void {
  window.addEventListener(changedEvent, onChange);
  return () => window.removeEventListener(changedEvent, onChange);
}

/** The member id picked in this room, or null, kept current. */
export function useMeId(roomId: string): string | null {
  const snapshot = useCallback(() => readMe(roomId), [roomId]);
  useEffect(() => followMain(roomId), [roomId]);
  return useSyncExternalStore(subscribe, snapshot);
}

/** Whether this connection is a teammate's session in the room (its person is fixed by the invite); null until known. */
export function useBoundIn(roomId: string): boolean | null {
  const snapshot = useCallback(() => isBoundIn(roomId), [roomId]);
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * Asks the person at the keyboard who they are (the prompt mounted in the room view), for an
 * action that needs it. Resolves with the member picked, or null when nobody was (no prompt,
 * nobody in the team yet, or "not now").
 */
type Asker = (roomId: string) => Promise<string | null>;
let asker: Asker | null = null;

export function setWhoAmIAsker(next: Asker | null): void {
  asker = next;
}

export function askWhoAmI(roomId: string): Promise<string | null> {
  return asker ? asker(roomId) : Promise.resolve(null);
}
