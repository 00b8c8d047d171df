import type { Presence } from '../../../shared/contract/calls/access';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Session } from '../session/session';

/** An editing mark not refreshed within this long is stale: the person stopped typing. */
export const editingFreshMs = 15_000;
/** A look not refreshed within this long is dropped (a tab that went away without saying so). */
const lookFreshMs = 120_000;

export type PresenceBoard = ReturnType<typeof createPresenceBoard>;

/**
 * Who is looking at which draft, per room, in memory only: presence is about now, and a
 * restart forgets it. Keyed by connection, so two tabs of one person count twice.
 */
export function createPresenceBoard(deps: {
  now: () => number;
  onChanged: (roomId: string, people: Presence[]) => void;
}) {
  const rooms = new Map<string, Map<Session, Presence>>();

  const list = (roomId: string): Presence[] => {
    const at = deps.now();
    const board = rooms.get(roomId);
    if (!board) return [];
    const people: Presence[] = [];
    for (const [session, presence] of board) {
      if (at - presence.since > lookFreshMs) {
        board.delete(session);
        continue;
      }
      people.push({ ...presence, editing: presence.editing && at - presence.since <= editingFreshMs });
    }
    return people;
  };

  return {
    list,
    set(roomId: string, session: Session, person: RoomMember, draftId: string | null, editing: boolean): Presence[] {
      let board = rooms.get(roomId);
      if (!board) {
        board = new Map();
        rooms.set(roomId, board);
      }
      if (draftId === null) board.delete(session);
      else board.set(session, { memberId: person.id, name: person.name, draftId, editing, since: deps.now() });
      const people = list(roomId);
      deps.onChanged(roomId, people);
      return people;
    },
    /** A window or socket closed: it looks at nothing anymore. */
    forget(session: Session): void {
      for (const [roomId, board] of rooms) {
        if (board.delete(session)) deps.onChanged(roomId, list(roomId));
      }
    },
  };
}
