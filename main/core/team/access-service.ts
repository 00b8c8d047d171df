import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { Connection, HostingState, Invite, InviteStatus } from '../../../shared/contract/calls/access';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Role } from '../../../shared/drafts/team';
import { systemActor, type AuditActor } from '../audit/audit-entries';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import { createBoundSession, type Session, type SessionBinding } from '../session/session';
import type { AccessRepository, InviteRow } from './access-repository';
import { hashSecret, newCode, newToken, normalizeCode, sameHash } from './team-secrets';
import type { TeamService } from './team-service';

export const inviteLifetimeMs = 24 * 3_600_000;
/** Last-seen is written at most this often per session: a busy tab must not write on every call. */
const touchEveryMs = 15_000;

/** What the shell hosting the room tells the core once it listens. */
export interface HostingInfo {
  /** Base addresses teammates open, e.g. https://192.168.1.20:4477 */
  addresses: string[];
  fingerprint: string;
}

export type AccessService = ReturnType<typeof createAccessService>;

/**
 * Invites, team sessions and their revocation. A team session is bound to one member of
 * one room; its token (a cookie) is only ever known to the browser that redeemed the invite.
 */
export function createAccessService(deps: {
  db: Db;
  access: AccessRepository;
  team: Pick<TeamService, 'member' | 'isMember' | 'addMember' | 'members'>;
  audit: AuditLog;
  now: () => number;
  onConnectionsChanged: (roomId: string) => void;
}) {
  const { db, access, team, now } = deps;
  let hosting: HostingInfo | null = null;
  const revokedListeners = new Set<(sessionIds: string[]) => void>();
  const openSockets = new Map<string, number>();
  const lastTouched = new Map<string, number>();

  const refused = (messageKey: string, english: string) => keyedError('unauthorized', messageKey, english);

  const actor = (member: RoomMember): AuditActor => ({ id: member.id, name: member.name, role: member.role });

  const makeInvite = async (roomId: string, member: RoomMember, by: RoomMember, reissued: boolean): Promise<Invite> => {
    const token = newToken();
    const code = newCode();
    const at = now();
    const id = randomUUID();
    db.transaction(() => {
      if (reissued) access.cancelOpenInvitesOf(member.id, at);
      access.addInvite({
        id,
        roomId,
        memberId: member.id,
        tokenHash: hashSecret(token),
        codeHash: hashSecret(normalizeCode(code)),
        createdBy: by.id,
        at,
        expiresAt: at + inviteLifetimeMs,
      });
      deps.audit.record({
        type: 'invite_created',
        roomId,
        actor: actor(by),
        at,
        memberId: member.id,
        name: member.name,
        role: member.role,
        reissued,
      });
    })();
    const base = hosting?.addresses[0];
    // The secret rides in the fragment: browsers never send it to a server, nor in a Referer.
    const link = base ? `${base}/join#invite=${token}` : null;
    return {
      id,
      roomId,
      memberId: member.id,
      name: member.name,
      role: member.role,
      link,
      code,
      qrSvg: link ? await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) : null,
      expiresAt: at + inviteLifetimeMs,
      fingerprint: hosting?.fingerprint ?? null,
    };
  };

  const findInvite = (secret: string): InviteRow | undefined => {
    const tokenHash = hashSecret(secret.trim());
    const byToken = access.inviteByTokenHash(tokenHash);
    if (byToken && sameHash(byToken.token_hash, tokenHash)) return byToken;
    const codeHash = hashSecret(normalizeCode(secret));
    const byCode = access.inviteByCodeHash(codeHash);
    return byCode && sameHash(byCode.code_hash, codeHash) ? byCode : undefined;
  };

  /** Ends these sessions, each with its audit line: revoked by `by`, or ended because the person left. */
  const revokeMany = (roomId: string, ids: string[], by: RoomMember | 'left'): number => {
    const at = now();
    // Removed members too: the sessions of someone who just left end here.
    const names = new Map(team.members(roomId, true).map((member) => [member.id, member.name]));
    const revoked = db.transaction(() =>
      ids.filter((id) => {
        const row = access.session(id);
        if (!row || !access.revoke(id, at)) return false;
        deps.audit.record({
          type: 'session_revoked',
          roomId,
          actor: by === 'left' ? systemActor : actor(by),
          at,
          sessionId: id,
          name: names.get(row.member_id) ?? row.member_id,
          device: row.device,
          reason: by === 'left' ? 'left' : 'revoked',
        });
        return true;
      }),
    )();
    if (revoked.length > 0) {
      for (const listener of revokedListeners) listener(revoked);
      deps.onConnectionsChanged(roomId);
    }
    return revoked.length;
  };

  const isCurrent = (row: { room_id: string; member_id: string }) => team.isMember(row.room_id, row.member_id);

  return {
    setHosting(info: HostingInfo | null) {
      hosting = info;
    },
    hosting: (): HostingState => ({
      team: hosting !== null,
      addresses: hosting?.addresses ?? [],
      fingerprint: hosting?.fingerprint ?? null,
    }),
    /** A new member of the room and their invite. */
    async invite(roomId: string, by: RoomMember, name: string, role: Role): Promise<Invite> {
      const member = team.addMember(roomId, name, role);
      return makeInvite(roomId, member, by, false);
    },
    /** A fresh invite for a current member; their earlier unused ones stop working. */
    async reissue(roomId: string, by: RoomMember, memberId: string): Promise<Invite> {
      const member = team.member(roomId, memberId, 'memberId');
      return makeInvite(roomId, member, by, true);
    },
    invites(roomId: string, members: (id: string) => RoomMember | undefined): InviteStatus[] {
      return access.invitesOf(roomId).flatMap((row) => {
        const member = members(row.member_id);
        if (!member) return [];
        return [
          {
            id: row.id,
            memberId: row.member_id,
            name: member.name,
            role: member.role,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
            redeemedAt: row.redeemed_at,
          },
        ];
      });
    },
    /**
     * Trades an invite (its link token or its short code) for a session of its member on
     * this device. Used, expired or cancelled invites are refused with what happened.
     */
    redeem(secret: string, device: string): { token: string; binding: SessionBinding } {
      const invite = findInvite(secret);
      if (!invite || invite.cancelled_at !== null) {
        throw refused(
          'errors.team.inviteUnknown',
          'This invite is not valid: check the code, or ask the lead for a new one.',
        );
      }
      if (invite.redeemed_at !== null) {
        throw refused(
          'errors.team.inviteUsed',
          'This invite was already used: each invite works once. Ask the lead for a new one.',
        );
      }
      if (invite.expires_at <= now()) {
        throw refused(
          'errors.team.inviteExpired',
          'This invite has expired (invites last 24 hours). Ask the lead for a new one.',
        );
      }
      if (!isCurrent(invite)) {
        throw refused('errors.team.inviteMemberGone', 'The person this invite was for is no longer in the team.');
      }
      const token = newToken();
      const at = now();
      const binding: SessionBinding = { sessionId: randomUUID(), roomId: invite.room_id, memberId: invite.member_id };
      db.transaction(() => {
        if (!access.markRedeemed(invite.id, at)) {
          throw refused('errors.team.inviteUsed', 'This invite was already used: each invite works once.');
        }
        access.addSession({
          id: binding.sessionId,
          roomId: binding.roomId,
          memberId: binding.memberId,
          device,
          tokenHash: hashSecret(token),
          at,
        });
        // The one who acts here is the person joining: the session about to exist is theirs.
        deps.audit.record({
          type: 'invite_accepted',
          roomId: binding.roomId,
          actor: actor(team.member(binding.roomId, binding.memberId, 'memberId')),
          at,
          sessionId: binding.sessionId,
          device,
        });
      })();
      deps.onConnectionsChanged(binding.roomId);
      return { token, binding };
    },
    /** The live session a cookie carries, or null (unknown, revoked, or its person left the team). */
    sessionFor(token: string): Session | null {
      const hash = hashSecret(token);
      const row = access.sessionByTokenHash(hash);
      if (!row || !sameHash(row.token_hash, hash) || row.revoked_at !== null || !isCurrent(row)) return null;
      return createBoundSession({ sessionId: row.id, roomId: row.room_id, memberId: row.member_id });
    },
    /** Checked on every call of a team session: revocation takes effect at once. */
    isLive(binding: SessionBinding): boolean {
      const row = access.session(binding.sessionId);
      if (!row || row.revoked_at !== null || !isCurrent(row)) return false;
      const at = now();
      if (at - (lastTouched.get(row.id) ?? 0) >= touchEveryMs) {
        lastTouched.set(row.id, at);
        access.touch(row.id, at);
      }
      return true;
    },
    connections(roomId: string): Connection[] {
      return access.liveSessionsOf(roomId).flatMap((row) => {
        if (!isCurrent(row)) return [];
        const member = team.member(roomId, row.member_id, 'memberId');
        return [
          {
            sessionId: row.id,
            memberId: row.member_id,
            name: member.name,
            role: member.role,
            device: row.device,
            since: row.created_at,
            lastSeen: row.last_seen_at,
            online: (openSockets.get(row.id) ?? 0) > 0,
          },
        ];
      });
    },
    revoke(roomId: string, by: RoomMember, sessionId: string): number {
      const row = access.session(sessionId);
      if (!row || row.room_id !== roomId) {
        throw keyedError('not_found', 'errors.team.sessionUnknown', 'No such session in this room.', {
          field: 'sessionId',
        });
      }
      return revokeMany(roomId, [sessionId], by);
    },
    /** Every session of one person, and their unused invites. */
    revokePerson(roomId: string, by: RoomMember, memberId: string): number {
      const ids = access
        .liveSessionsOf(roomId)
        .filter((row) => row.member_id === memberId)
        .map((row) => row.id);
      const at = now();
      db.transaction(() => {
        const count = access.cancelOpenInvitesOf(memberId, at).changes;
        if (count === 0) return;
        const member = team.member(roomId, memberId, 'memberId');
        deps.audit.record({
          type: 'invites_cancelled',
          roomId,
          actor: actor(by),
          at,
          memberId,
          name: member.name,
          count,
        });
      })();
      return revokeMany(roomId, ids, by);
    },
    /** Sessions of people who left the team end with them. */
    endSessionsOfFormerMembers(roomId: string): void {
      const gone = access
        .liveSessionsOf(roomId)
        .filter((row) => !isCurrent(row))
        .map((row) => row.id);
      if (gone.length > 0) revokeMany(roomId, gone, 'left');
    },
    /** The host closes a revoked session's sockets. */
    onRevoked(listener: (sessionIds: string[]) => void): () => void {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },
    socketOpened(binding: SessionBinding) {
      openSockets.set(binding.sessionId, (openSockets.get(binding.sessionId) ?? 0) + 1);
      deps.onConnectionsChanged(binding.roomId);
    },
    socketClosed(binding: SessionBinding) {
      const left = (openSockets.get(binding.sessionId) ?? 1) - 1;
      if (left <= 0) openSockets.delete(binding.sessionId);
      else openSockets.set(binding.sessionId, left);
      deps.onConnectionsChanged(binding.roomId);
    },
  };
}
