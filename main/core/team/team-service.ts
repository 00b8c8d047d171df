import { randomUUID } from 'node:crypto';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { defaultRoomPolicy, type Role, type RoomPolicy } from '../../../shared/drafts/team';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import type { Session } from '../session/session';
import type { TeamRepository } from './team-repository';
import { requireLead, type ActingPerson } from './team-roles';

export interface TeamServiceDeps {
  db: Db;
  team: TeamRepository;
  rooms: RoomService;
  audit: AuditLog;
  now: () => number;
  onChanged: (roomId: string) => void;
}

export type TeamService = ReturnType<typeof createTeamService>;

/** The room's members, their roles and its review rules; every other area asks here who is acting. */
export function createTeamService({ db, team, rooms, audit, now, onChanged }: TeamServiceDeps) {
  const current = (roomId: string, id: string): RoomMember | undefined => {
    const member = team.member(id);
    return member && member.roomId === roomId && member.removedAt === null ? member : undefined;
  };

  /** Someone acted upon (an assignee, a member to remove): the error names that field. */
  const member = (roomId: string, id: string, field: string): RoomMember => {
    const found = current(roomId, id);
    if (!found) {
      throw keyedError(
        'not_found',
        'errors.team.notMember',
        'This person is not a member of this room (any more); pick someone from the team.',
        { field },
      );
    }
    return found;
  };

  /** The person of `session` in each room, checked again at every call: a removed member stops acting at once. */
  const actingIn =
    (session: Session): ActingPerson =>
    (roomId) => {
      const id = session.personIn(roomId);
      const found = id === null ? undefined : current(roomId, id);
      if (!found) {
        throw keyedError(
          'forbidden',
          'errors.team.pickYourself',
          'Pick who you are: this person is not a member of this room (any more).',
        );
      }
      return found;
    };

  const policy = (roomId: string): RoomPolicy => team.policy.get(roomId) ?? defaultRoomPolicy;
  const changed = <T>(roomId: string, value: T): T => {
    onChanged(roomId);
    return value;
  };

  return {
    actingIn,
    member,
    /** Whether `id` is a current member of the room (what session.identify accepts). */
    isMember: (roomId: string, id: string): boolean => current(roomId, id) !== undefined,
    policy,
    members(roomId: string, includeRemoved: boolean): RoomMember[] {
      rooms.get(roomId);
      return team.members(roomId, includeRemoved);
    },
    /** Anyone may join for now (the person at the keyboard picks who they are). */
    addMember(roomId: string, name: string, role: Role): RoomMember {
      rooms.get(roomId);
      const added: RoomMember = { id: randomUUID(), roomId, name, role, removedAt: null };
      const at = now();
      db.transaction(() => {
        team.addMember({ id: added.id, roomId, name, role, at });
        audit.record({ type: 'member_added', roomId, actor: added, at, name, role });
      })();
      return changed(roomId, added);
    },
    removeMember(roomId: string, actor: ActingPerson, memberId: string): RoomMember {
      const by = actor(roomId);
      if (by.id !== memberId) requireLead(by, 'removeMember', 'remove someone else from the room');
      const target = member(roomId, memberId, 'memberId');
      const at = now();
      db.transaction(() => {
        team.removeMember(memberId, at);
        audit.record({ type: 'member_removed', roomId, actor: by, at, name: target.name });
      })();
      return changed(roomId, { ...target, removedAt: at });
    },
    updatePolicy(roomId: string, actor: ActingPerson, next: RoomPolicy): RoomPolicy {
      const by = actor(roomId);
      requireLead(by, 'policy', 'change who approves');
      const at = now();
      db.transaction(() => {
        team.policy.put(roomId, next, at);
        audit.record({ type: 'policy_updated', roomId, actor: by, at, policy: next });
      })();
      return changed(roomId, next);
    },
  };
}
