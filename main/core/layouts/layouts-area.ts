import type { layoutCalls } from '../../../shared/contract/calls/layouts';
import { readStoredLayout, type WorkspaceLayout } from '../../../shared/workspace/layout';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { RoomService } from '../rooms/room-service';
import type { Session } from '../session/session';
import type { TeamService } from '../team/team-service';

/** Damaged text reads as nothing, which readStoredLayout turns into the default arrangement. */
function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Each person's arrangement of each room, kept in the store so it follows the person, not the browser. */
export function createLayoutsArea({
  db,
  rooms,
  team,
  now,
}: Pick<CoreContext, 'db' | 'now'> & { rooms: RoomService; team: Pick<TeamService, 'actingIn'> }): Area<
  typeof layoutCalls
> {
  const read = db.prepare<[string, string], { layout: string }>(
    'SELECT layout FROM layouts WHERE room_id = ? AND person = ?',
  );
  const write = db.prepare<[string, string, string, number]>(
    `INSERT INTO layouts (room_id, person, layout, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (room_id, person) DO UPDATE SET layout = excluded.layout, updated_at = excluded.updated_at`,
  );

  /**
   * The key the session's layout is stored under: its person's id, or '' (the room's layout
   * on this machine) before anyone is picked. A person who is no longer a member is refused,
   * like every call made in their name.
   */
  const personOf = (roomId: string, session: Session): string => {
    rooms.get(roomId);
    return session.personIn(roomId) === null ? '' : team.actingIn(session)(roomId).id;
  };

  return {
    handlers: {
      'layouts.get': ({ roomId }, session): WorkspaceLayout | null => {
        const row = read.get(roomId, personOf(roomId, session));
        return row ? readStoredLayout(parsedOrNull(row.layout)) : null;
      },
      'layouts.save': ({ roomId, layout }, session) => {
        const savedAt = now();
        write.run(roomId, personOf(roomId, session), JSON.stringify(layout), savedAt);
        return { savedAt };
      },
    },
    close: nothingToClose,
  };
}
