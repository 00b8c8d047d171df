import type { Db } from '../db/open-database';

export interface InviteRow {
  id: string;
  room_id: string;
  member_id: string;
  token_hash: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  redeemed_at: number | null;
  cancelled_at: number | null;
}

export interface SessionRow {
  id: string;
  room_id: string;
  member_id: string;
  device: string;
  token_hash: string;
  created_at: number;
  last_seen_at: number;
  revoked_at: number | null;
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;

/** The only SQL over team_invites and team_sessions. */
export function createAccessRepository(db: Db) {
  const insertInvite = db.prepare(
    `INSERT INTO team_invites (id, room_id, member_id, token_hash, code_hash, created_by, created_at, expires_at)
     VALUES (@id, @roomId, @memberId, @tokenHash, @codeHash, @createdBy, @at, @expiresAt)`,
  );
  const inviteByToken = db.prepare<[string], InviteRow>('SELECT * FROM team_invites WHERE token_hash = ?');
  const inviteByCode = db.prepare<[string], InviteRow>('SELECT * FROM team_invites WHERE code_hash = ?');
  const invitesOf = db.prepare<[string], InviteRow>(
    'SELECT * FROM team_invites WHERE room_id = ? AND cancelled_at IS NULL ORDER BY created_at DESC LIMIT 200',
  );
  const markRedeemed = db.prepare<[number, string]>(
    'UPDATE team_invites SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL',
  );
  const cancelOpenInvitesOf = db.prepare<[number, string]>(
    'UPDATE team_invites SET cancelled_at = ? WHERE member_id = ? AND redeemed_at IS NULL AND cancelled_at IS NULL',
  );
  const insertSession = db.prepare(
    `INSERT INTO team_sessions (id, room_id, member_id, device, token_hash, created_at, last_seen_at)
     VALUES (@id, @roomId, @memberId, @device, @tokenHash, @at, @at)`,
  );
  const sessionByToken = db.prepare<[string], SessionRow>('SELECT * FROM team_sessions WHERE token_hash = ?');
  const sessionById = db.prepare<[string], SessionRow>('SELECT * FROM team_sessions WHERE id = ?');
  const liveSessionsOf = db.prepare<[string], SessionRow>(
    'SELECT * FROM team_sessions WHERE room_id = ? AND revoked_at IS NULL ORDER BY created_at LIMIT 500',
  );
  const touch = db.prepare<[number, string]>('UPDATE team_sessions SET last_seen_at = ? WHERE id = ?');
  const revoke = db.prepare<[number, string]>(
    'UPDATE team_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );

  return {
    addInvite: (invite: {
      id: string;
      roomId: string;
      memberId: string;
      tokenHash: string;
      codeHash: string;
      createdBy: string;
      at: number;
      expiresAt: number;
    }) => insertInvite.run(invite),
    inviteByTokenHash: (hash: string) => inviteByToken.get(hash),
    inviteByCodeHash: (hash: string) => inviteByCode.get(hash),
    invitesOf: (roomId: string) => invitesOf.all(roomId),
    /** False when someone redeemed it first: single use holds even between two racing requests. */
    markRedeemed: (id: string, at: number): boolean => markRedeemed.run(at, id).changes === 1,
    cancelOpenInvitesOf: (memberId: string, at: number) => cancelOpenInvitesOf.run(at, memberId),
    addSession: (session: {
      id: string;
      roomId: string;
      memberId: string;
      device: string;
      tokenHash: string;
      at: number;
    }) => insertSession.run(session),
    sessionByTokenHash: (hash: string) => sessionByToken.get(hash),
    session: (id: string) => sessionById.get(id),
    liveSessionsOf: (roomId: string) => liveSessionsOf.all(roomId),
    touch: (id: string, at: number) => touch.run(at, id),
    revoke: (id: string, at: number): boolean => revoke.run(at, id).changes === 1,
  };
}
