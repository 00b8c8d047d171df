import type { RoomMember } from '../../../shared/contract/calls/team';
import { keyedError } from '../errors';

/**
 * Who acts in a room: the person picked in the caller's session, checked to be a current
 * member of that room. Services take this instead of an id from the payload, so a client
 * cannot name someone else as the actor.
 */
export type ActingPerson = (roomId: string) => RoomMember;

/** `action` names the sentence's key (errors.team.leadOnly.<action>) and its English text. */
export function requireLead(
  by: RoomMember,
  action: 'removeMember' | 'policy' | 'checklist' | 'accounts' | 'freeze' | 'retract',
  what: string,
): void {
  if (by.role !== 'lead') {
    throw keyedError(
      'forbidden',
      `errors.team.leadOnly.${action}`,
      `Only a lead can ${what}; you are ${by.role} in this room.`,
      { params: { role: by.role } },
    );
  }
}

/** Leads and writers put words out (drafts, the playbook, the bank); others follow, review or approve. */
export function requireWriter(by: RoomMember, messageKey: string, english: (role: string) => string): void {
  if (by.role !== 'lead' && by.role !== 'writer') {
    throw keyedError('forbidden', messageKey, english(by.role), { params: { role: by.role } });
  }
}
