/**
 * One connection's state: an Electron window (its webContents) or one WebSocket. For now
 * it holds who the person at that keyboard said they are, per room (members belong to a
 * room). Handlers read the acting person from here, never from a call's input.
 */
export interface Session {
  /** The member picked in this room, or null before anyone is picked. */
  personIn(roomId: string): string | null;
  /** Records the pick (null forgets it); the session area checks it before calling this. */
  identify(roomId: string, memberId: string | null): void;
}

export function createSession(): Session {
  const people = new Map<string, string>();
  return {
    personIn: (roomId) => people.get(roomId) ?? null,
    identify(roomId, memberId) {
      if (memberId === null) people.delete(roomId);
      else people.set(roomId, memberId);
    },
  };
}
