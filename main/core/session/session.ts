/**
 * One connection's state: an Electron window (its webContents) or one WebSocket. It holds
 * who the person at that keyboard is, per room (members belong to a room). Handlers read
 * the acting person from here, never from a call's input.
 *
 * Two kinds: a local session (the person at the machine owns the store and may pick who
 * they are in each room) and a team session, made when an invite is redeemed: it is bound
 * to that one member of that one room for its whole life.
 */
export interface SessionBinding {
  /** The team session's id (what the lead revokes); its secret token never lives here. */
  sessionId: string;
  roomId: string;
  memberId: string;
}

export interface Session {
  /** The member picked (or bound) in this room, or null before anyone is picked. */
  personIn(roomId: string): string | null;
  /** Records the pick (null forgets it); the session area checks it before calling this. */
  identify(roomId: string, memberId: string | null): void;
  /** Set for a team session: who it belongs to. Null for the machine's own windows. */
  readonly binding: SessionBinding | null;
}

export function createSession(): Session {
  const people = new Map<string, string>();
  return {
    binding: null,
    personIn: (roomId) => people.get(roomId) ?? null,
    identify(roomId, memberId) {
      if (memberId === null) people.delete(roomId);
      else people.set(roomId, memberId);
    },
  };
}

/** A team session: its person is fixed by the invite it was redeemed from. */
export function createBoundSession(binding: SessionBinding): Session {
  return {
    binding,
    personIn: (roomId) => (roomId === binding.roomId ? binding.memberId : null),
    identify(roomId, memberId) {
      // The session area refuses before this; a second guard costs nothing.
      if (roomId !== binding.roomId || memberId !== binding.memberId) {
        throw new Error('A team session cannot change who it belongs to.');
      }
    },
  };
}
