import type { CallName } from '../../../shared/contract';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { roleMay, type Capability } from '../../../shared/team/capabilities';
import { keyedError } from '../errors';
import type { Session } from '../session/session';
import type { AccessService } from './access-service';
import { callNeeds } from './call-permissions';
import type { createCallRoom } from './call-room';
import type { TeamService } from './team-service';

const refusals: Record<Capability, string> = {
  read: 'Your role ({{role}}) cannot see this room.',
  comment:
    'As {{role}} you can read this room but not comment on drafts: comments are for the lead, writers, approvers, legal and analysts.',
  curate:
    'As {{role}} you cannot change columns, moments, cues or item flags: that is for the lead, writers and analysts.',
  export: 'As {{role}} you cannot export from this room: exports are for the lead and analysts.',
  write: 'As {{role}} you cannot write drafts, the content bank or the playbook: that is for the lead and writers.',
  review: 'As {{role}} you cannot move a draft through review: that is for the lead, writers, approvers and legal.',
  manage:
    'Only the lead can do this (team, invites, sessions, sources, policy, checklist, backups); you are {{role}} in this room.',
};

/** Refuses, with a sentence naming the role and who may, when `by` lacks `capability`. */
export function requireCapability(by: RoomMember, capability: Capability): void {
  if (!roleMay(by.role, capability)) {
    throw keyedError(
      'forbidden',
      `errors.team.roleMay.${capability}`,
      refusals[capability].replace('{{role}}', by.role),
      {
        params: { role: by.role },
      },
    );
  }
}

/**
 * Runs before every handler (create-dispatch's gate). The machine's own windows pass: the
 * person there owns the store, and the handlers' own checks apply to whoever they picked.
 * A team session passes only if it is still live, the call is about its own room, and its
 * person's role has what the call needs (call-permissions.ts).
 */
export function createCallGate(deps: {
  access: Pick<AccessService, 'isLive'>;
  team: Pick<TeamService, 'actingIn'>;
  callRoom: ReturnType<typeof createCallRoom>;
}) {
  return (name: CallName, input: unknown, session: Session): void => {
    const { binding } = session;
    if (!binding) return;
    if (!deps.access.isLive(binding)) {
      throw keyedError(
        'unauthorized',
        'errors.team.sessionEnded',
        'This session has ended (revoked by the lead, or you left the team). Ask the lead for a new invite.',
      );
    }
    const need = callNeeds[name];
    if (need === 'machine') {
      throw keyedError(
        'forbidden',
        'errors.team.machineOnly',
        'Only the host machine can do this; a teammate’s session works inside its own room.',
      );
    }
    const roomId = deps.callRoom(name, input);
    if (roomId !== undefined && roomId !== binding.roomId) {
      throw keyedError(
        'forbidden',
        'errors.team.otherRoom',
        'Your invite is for another room: this one is not yours to see.',
      );
    }
    if (need === 'own') return;
    requireCapability(deps.team.actingIn(session)(binding.roomId), need);
  };
}

export type CallGate = ReturnType<typeof createCallGate>;
