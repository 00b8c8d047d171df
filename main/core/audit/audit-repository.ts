import { z } from 'zod';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { Db } from '../db/open-database';
import type { StoredAuditLine } from './audit-entries';

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

/**
 * The line's catalog key and parameters. Parameters that do not read (a damaged row) leave
 * no key, so the line is shown as the English sentence stored with it rather than with
 * holes, and one such line never stops the room's audit from listing.
 */
function wordingOf(row: { message_key: string; params: string }): {
  messageKey: string;
  params: z.infer<typeof Params>;
} {
  try {
    const params = Params.safeParse(JSON.parse(row.params));
    if (params.success) return { messageKey: row.message_key, params: params.data };
  } catch {
    // The stored sentence says it.
  }
  return { messageKey: '', params: {} };
}

export interface AuditFilter {
  roomId: string;
  draftId?: string | undefined;
  /** Only what this member did. */
  doneBy?: string | undefined;
  type?: string | undefined;
  limit: number;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** The only SQL that reads or writes audit_log. */
export function createAuditRepository(db: Db) {
  const append = db.prepare(
    `INSERT INTO audit_log (room_id, draft_id, type, actor_id, actor_name, actor_role, at, from_state, to_state,
       detail, message_key, params, message)
     VALUES (@roomId, @draftId, @type, @actorId, @actorName, @actorRole, @at, @from, @to, @detail, @messageKey,
       @params, @message)`,
  );
  // Optional filters as "? IS NULL OR column = ?" so one prepared statement serves every combination.
  const linesOf = db.prepare<
    { roomId: string; draftId: string | null; doneBy: string | null; type: string | null; limit: number },
    AuditRow
  >(
    `SELECT * FROM audit_log WHERE room_id = @roomId
       AND (@draftId IS NULL OR draft_id = @draftId)
       AND (@doneBy IS NULL OR actor_id = @doneBy)
       AND (@type IS NULL OR type = @type)
     ORDER BY id DESC LIMIT @limit`,
  );

  return {
    append: (line: StoredAuditLine) =>
      append.run({ ...line, detail: JSON.stringify(line.detail), params: JSON.stringify(line.params) }),
    list: (filter: AuditFilter): AuditEntry[] =>
      linesOf
        .all({
          roomId: filter.roomId,
          draftId: filter.draftId ?? null,
          doneBy: filter.doneBy ?? null,
          type: filter.type ?? null,
          limit: filter.limit,
        })
        .map((row) => ({
          id: row.id,
          roomId: row.room_id,
          draftId: row.draft_id,
          type: row.type,
          doneBy: row.actor_id,
          doneByName: row.actor_name,
          doneByRole: row.actor_role,
          at: row.at,
          from: row.from_state,
          to: row.to_state,
          ...wordingOf(row),
          message: row.message,
        })),
  };
}
