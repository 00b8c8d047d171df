import type { layoutCalls } from '../../../shared/contract/calls/layouts';
import { readStoredLayout, type WorkspaceLayout } from '../../../shared/workspace/layout';
import type { HandlersOf } from '../contract/dispatch';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import type { RoomService } from '../rooms/room-service';

/** Each person's arrangement of each room, kept in the store so it follows the person, not the browser. */
export function layoutHandlers({
  db,
  rooms,
  now,
}: {
  db: Db;
  rooms: RoomService;
  now: () => number;
}): HandlersOf<typeof layoutCalls> {
  const read = db.prepare<[string, string], { layout: string }>(
    'SELECT layout FROM layouts WHERE room_id = ? AND person = ?',
  );
  const write = db.prepare<[string, string, string, number]>(
    `INSERT INTO layouts (room_id, person, layout, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (room_id, person) DO UPDATE SET layout = excluded.layout, updated_at = excluded.updated_at`,
  );
  const memberOf = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM room_members WHERE id = ? AND room_id = ?',
  );

  /** The key a person's layout is stored under, once the room and the member are known to exist. */
  const personOf = (roomId: string, memberId: string | null): string => {
    rooms.get(roomId);
    if (memberId === null) return '';
    if (!memberOf.get(memberId, roomId)) {
      throw new AppError('not_found', 'This person is not a member of this room; pick someone from the team.', {
        field: 'memberId',
        messageKey: 'errors.team.notMember',
      });
    }
    return memberId;
  };

  return {
    'layouts.get': ({ roomId, memberId }): WorkspaceLayout | null => {
      const row = read.get(roomId, personOf(roomId, memberId));
      return row ? readStoredLayout(JSON.parse(row.layout)) : null;
    },
    'layouts.save': ({ roomId, memberId, layout }) => {
      const savedAt = now();
      write.run(roomId, personOf(roomId, memberId), JSON.stringify(layout), savedAt);
      return { savedAt };
    },
  };
}
