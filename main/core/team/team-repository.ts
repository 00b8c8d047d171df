import { z } from 'zod';
import type { AuditEntry, BankEntry, RoomMember } from '../../../shared/contract/calls/drafts';
import { ChecklistTemplate } from '../../../shared/drafts/checklist';
import { Network } from '../../../shared/drafts/networks';
import { RoomPolicy, type Role } from '../../../shared/drafts/team';
import { Playbook } from '../../../shared/playbook/playbook';
import type { Db } from '../db/open-database';

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

interface BankRow {
  id: string;
  room_id: string;
  title: string;
  body: string;
  networks: string;
  valid_from: number;
  valid_until: number;
  approved_by: string;
  created_at: number;
  cue_id: string | null;
}

const toBank = (row: BankRow): BankEntry => ({
  id: row.id,
  roomId: row.room_id,
  title: row.title,
  body: row.body,
  networks: z.array(Network).parse(JSON.parse(row.networks)),
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  approvedBy: row.approved_by,
  createdAt: row.created_at,
  cueId: row.cue_id,
});

interface AuditRow {
  id: number;
  room_id: string;
  draft_id: string | null;
  type: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  at: number;
  from_state: string | null;
  to_state: string | null;
  detail: string;
  message_key: string;
  params: string;
  message: string;
}

const Params = z.record(z.string(), z.union([z.string(), z.number()]));

export type NewAuditEntry = Omit<AuditEntry, 'id'> & { detail: object };

/** One JSON document per room (policy, playbook, checklist template). */
function roomDocument<T>(db: Db, table: string, column: string, schema: z.ZodType<T>) {
  const read = db.prepare<[string], { doc: string }>(`SELECT ${column} AS doc FROM ${table} WHERE room_id = ?`);
  const write = db.prepare<[string, string, number]>(
    `INSERT INTO ${table} (room_id, ${column}, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(room_id) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
  );
  return {
    get: (roomId: string): T | undefined => {
      const row = read.get(roomId);
      return row ? schema.parse(JSON.parse(row.doc)) : undefined;
    },
    put: (roomId: string, value: T, at: number) => write.run(roomId, JSON.stringify(value), at),
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;

export function createTeamRepository(db: Db) {
  const insertMember = db.prepare(
    'INSERT INTO room_members (id, room_id, name, role, created_at) VALUES (@id, @roomId, @name, @role, @at)',
  );
  const memberById = db.prepare<[string], MemberRow>('SELECT * FROM room_members WHERE id = ?');
  const membersOf = db.prepare<[string, number], MemberRow>(
    'SELECT * FROM room_members WHERE room_id = ? AND (removed_at IS NULL OR ?) ORDER BY created_at, rowid LIMIT 500',
  );
  const removeMember = db.prepare<[number, string]>('UPDATE room_members SET removed_at = ? WHERE id = ?');
  const insertBank = db.prepare(
    `INSERT INTO content_bank (id, room_id, title, body, networks, valid_from, valid_until, approved_by, created_at, cue_id)
     VALUES (@id, @roomId, @title, @body, @networks, @validFrom, @validUntil, @approvedBy, @createdAt, @cueId)`,
  );
  const linkBank = db.prepare<[string | null, string]>('UPDATE content_bank SET cue_id = ? WHERE id = ?');
  const cueRoom = db.prepare<[string], { room_id: string }>('SELECT room_id FROM cues WHERE id = ?');
  // The texts tied to the cue a scheduled moment came from, valid at the given time.
  const offersFor = db.prepare<[string, number, number], BankRow>(
    `SELECT b.* FROM content_bank b JOIN cues c ON c.id = b.cue_id
      WHERE c.moment_id = ? AND b.valid_from <= ? AND b.valid_until > ? ORDER BY b.valid_until LIMIT 20`,
  );
  const bankOf = db.prepare<[string], BankRow>(
    'SELECT * FROM content_bank WHERE room_id = ? ORDER BY valid_until LIMIT 500',
  );
  const bankById = db.prepare<[string], BankRow>('SELECT * FROM content_bank WHERE id = ?');
  const appendAudit = db.prepare(
    `INSERT INTO audit_log (room_id, draft_id, type, actor_id, actor_name, actor_role, at, from_state, to_state,
       detail, message_key, params, message)
     VALUES (@roomId, @draftId, @type, @actorId, @actorName, @actorRole, @at, @from, @to, @detail, @messageKey,
       @params, @message)`,
  );
  // Optional filters as "? IS NULL OR column = ?" so one prepared statement serves every combination.
  const auditOf = db.prepare<
    { roomId: string; draftId: string | null; actorId: string | null; type: string | null; limit: number },
    AuditRow
  >(
    `SELECT * FROM audit_log WHERE room_id = @roomId
       AND (@draftId IS NULL OR draft_id = @draftId)
       AND (@actorId IS NULL OR actor_id = @actorId)
       AND (@type IS NULL OR type = @type)
     ORDER BY id DESC LIMIT @limit`,
  );

  return {
    policy: roomDocument(db, 'room_policies', 'policy', RoomPolicy),
    playbook: roomDocument(db, 'room_playbooks', 'playbook', Playbook),
    template: roomDocument(db, 'checklist_templates', 'template', ChecklistTemplate),
    addMember: (member: { id: string; roomId: string; name: string; role: Role; at: number }) =>
      insertMember.run(member),
    member: (id: string): RoomMember | undefined => {
      const row = memberById.get(id);
      return row ? toMember(row) : undefined;
    },
    members: (roomId: string, includeRemoved: boolean): RoomMember[] =>
      membersOf.all(roomId, includeRemoved ? 1 : 0).map(toMember),
    removeMember: (id: string, at: number) => removeMember.run(at, id),
    addBank: (entry: BankEntry) => insertBank.run({ ...entry, networks: JSON.stringify(entry.networks) }),
    bank: (roomId: string): BankEntry[] => bankOf.all(roomId).map(toBank),
    bankEntry: (id: string): BankEntry | undefined => {
      const row = bankById.get(id);
      return row ? toBank(row) : undefined;
    },
    linkBank: (id: string, cueId: string | null) => linkBank.run(cueId, id),
    cueRoom: (cueId: string): string | undefined => cueRoom.get(cueId)?.room_id,
    bankOffers: (momentId: string, at: number): BankEntry[] => offersFor.all(momentId, at, at).map(toBank),
    appendAudit: (entry: NewAuditEntry) =>
      appendAudit.run({
        ...entry,
        detail: JSON.stringify(entry.detail),
        params: JSON.stringify(entry.params),
      }),
    audit: (filter: {
      roomId: string;
      draftId?: string;
      actorId?: string;
      type?: string;
      limit: number;
    }): AuditEntry[] =>
      auditOf
        .all({
          roomId: filter.roomId,
          draftId: filter.draftId ?? null,
          actorId: filter.actorId ?? null,
          type: filter.type ?? null,
          limit: filter.limit,
        })
        .map((row) => ({
          id: row.id,
          roomId: row.room_id,
          draftId: row.draft_id,
          type: row.type,
          actorId: row.actor_id,
          actorName: row.actor_name,
          actorRole: row.actor_role,
          at: row.at,
          from: row.from_state,
          to: row.to_state,
          messageKey: row.message_key,
          params: Params.parse(JSON.parse(row.params)),
          message: row.message,
        })),
  };
}
