import type { RoomMember } from '../../../shared/contract/calls/team';
import { RoomPolicy, type Role } from '../../../shared/drafts/team';
import type { Db } from '../db/open-database';
import { roomDocument } from '../db/room-document';
import { keyedError } from '../errors';

interface MemberRow {
  id: string;
  room_id: string;
  name: string;
  role: Role;
  created_at: number;
  removed_at: number | null;
}

const toMember = (row: MemberRow): RoomMember => ({
  id: row.id,
  roomId: row.room_id,
  name: row.name,
  role: row.role,
  removedAt: row.removed_at,
});

export type TeamRepository = ReturnType<typeof createTeamRepository>;

/** The only SQL over room_members and room_policies. */
export function createTeamRepository(db: Db) {
  const insertMember = db.prepare(
    'INSERT INTO room_members (id, room_id, name, role, created_at) VALUES (@id, @roomId, @name, @role, @at)',
  );
  const memberById = db.prepare<[string], MemberRow>('SELECT * FROM room_members WHERE id = ?');
  const membersOf = db.prepare<[string, number], MemberRow>(
    'SELECT * FROM room_members WHERE room_id = ? AND (removed_at IS NULL OR ?) ORDER BY created_at, rowid LIMIT 500',
  );
  const removeMember = db.prepare<[number, string]>('UPDATE room_members SET removed_at = ? WHERE id = ?');

  return {
    // Never the default rules in its place: a room that asks for legal approval would lose it.
    policy: roomDocument(db, 'room_policies', 'policy', RoomPolicy, () => {
      throw keyedError(
        'unavailable',
        'errors.faults.policyUnreadable',
        'This room’s approval rules could not be read from the store (they may be damaged, or a newer Riposte wrote them), so no draft can be approved by them. A lead can set who approves again, or restore a backup.',
      );
    }),
    addMember: (member: { id: string; roomId: string; name: string; role: Role; at: number }) =>
      insertMember.run(member),
    member: (id: string): RoomMember | undefined => {
      const row = memberById.get(id);
      return row ? toMember(row) : undefined;
    },
    members: (roomId: string, includeRemoved: boolean): RoomMember[] =>
      membersOf.all(roomId, includeRemoved ? 1 : 0).map(toMember),
    removeMember: (id: string, at: number) => removeMember.run(at, id),
  };
}
