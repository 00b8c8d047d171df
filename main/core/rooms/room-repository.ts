import type { Room, RoomLanguage } from '../../../shared/rooms/room';
import type { Db } from '../db/open-database';

interface RoomRow {
  id: string;
  name: string;
  starts_at: number;
  ends_at: number;
  time_zone: string;
  language: RoomLanguage;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

const toRoom = (row: RoomRow): Room => ({
  id: row.id,
  name: row.name,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  timeZone: row.time_zone,
  language: row.language,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type RoomRepository = ReturnType<typeof createRoomRepository>;

export function createRoomRepository(db: Db) {
  const insert = db.prepare<[RoomRow]>(
    `INSERT INTO rooms (id, name, starts_at, ends_at, time_zone, language, archived_at, created_at, updated_at)
     VALUES (@id, @name, @starts_at, @ends_at, @time_zone, @language, @archived_at, @created_at, @updated_at)`,
  );
  const byId = db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ?');
  const active = db.prepare<[], RoomRow>(
    'SELECT * FROM rooms WHERE archived_at IS NULL ORDER BY starts_at DESC, created_at DESC LIMIT 500',
  );
  const all = db.prepare<[], RoomRow>(
    'SELECT * FROM rooms ORDER BY archived_at IS NOT NULL, starts_at DESC, created_at DESC LIMIT 500',
  );
  const rename = db.prepare<[string, number, string]>('UPDATE rooms SET name = ?, updated_at = ? WHERE id = ?');
  const setArchived = db.prepare<[number | null, number, string]>(
    'UPDATE rooms SET archived_at = ?, updated_at = ? WHERE id = ?',
  );

  return {
    insert(room: Room): void {
      insert.run({
        id: room.id,
        name: room.name,
        starts_at: room.startsAt,
        ends_at: room.endsAt,
        time_zone: room.timeZone,
        language: room.language,
        archived_at: room.archivedAt,
        created_at: room.createdAt,
        updated_at: room.updatedAt,
      });
    },
    get(id: string): Room | undefined {
      const row = byId.get(id);
      return row && toRoom(row);
    },
    list(includeArchived: boolean): Room[] {
      return (includeArchived ? all : active).all().map(toRoom);
    },
    rename(id: string, name: string, now: number): boolean {
      return rename.run(name, now, id).changes === 1;
    },
    setArchived(id: string, archivedAt: number | null, now: number): boolean {
      return setArchived.run(archivedAt, now, id).changes === 1;
    },
  };
}
