import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { RoomPolicy } from '../../../shared/drafts/team';
import type { Playbook } from '../../../shared/playbook/playbook';
import { api } from '../api';
import { useBoundIn, useMeId } from '../session/who-am-i';
import { refetchOnRoom, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const roomDrafts: LiveQuery<string, DraftView[] | null> = {
  load: (roomId) => api.drafts.list({ roomId }),
  refetchOn: [refetchOnRoom('drafts.changed')],
};

/** A room's drafts, refetched whenever main says they changed. */
export function useDrafts(roomId: string) {
  const { value: drafts, error } = useLiveQuery(roomDrafts, roomId, null);
  return { drafts, error };
}

const noMembers: RoomMember[] = [];
const teamChanged = [refetchOnRoom('team.changed')];
const roomMembers: LiveQuery<string, RoomMember[]> = {
  load: (roomId) => api.members.list({ roomId }),
  refetchOn: teamChanged,
};
const roomPolicy: LiveQuery<string, RoomPolicy | null> = {
  load: (roomId) => api.policy.get({ roomId }),
  refetchOn: teamChanged,
};
const roomPlaybook: LiveQuery<string, Playbook | null> = {
  load: (roomId) => api.playbook.get({ roomId }),
  refetchOn: teamChanged,
};

/** Members, review rules and playbook of a room, kept live by `team.changed`. */
export function useTeam(roomId: string) {
  const members = useLiveQuery(roomMembers, roomId, noMembers);
  const policy = useLiveQuery(roomPolicy, roomId, null);
  const playbook = useLiveQuery(roomPlaybook, roomId, null);
  return {
    members: members.value,
    policy: policy.value,
    playbook: playbook.value,
    error: members.error ?? policy.error ?? playbook.error,
  };
}

/** Who is at the keyboard (see session/who-am-i.ts), as a member of the room. */
export function useMe(roomId: string, members: RoomMember[]) {
  const meId = useMeId(roomId);
  const bound = useBoundIn(roomId);
  const me = members.find((m) => m.id === meId) ?? null;
  return { me, bound };
}
