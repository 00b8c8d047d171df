import { useCallback, useState } from 'react';
import type { DraftView, RoomMember } from '../../../shared/contract/calls/drafts';
import type { ContractError } from '../../../shared/contract/result';
import type { RoomPolicy } from '../../../shared/drafts/team';
import type { Playbook } from '../../../shared/playbook/playbook';
import { api } from '../api';
import { useRoomRefetch } from '../toolkit/use-room-refetch';
import { chooseMe, useMeId } from '../session/who-am-i';

/** A room's drafts, refetched whenever main says they changed (one list call per push). */
export function useDrafts(roomId: string) {
  const [drafts, setDrafts] = useState<DraftView[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const reload = useCallback(() => {
    void api.drafts.list({ roomId }).then((result) => {
      if (result.ok) setDrafts(result.value);
      else setError(result);
    });
  }, [roomId]);
  useRoomRefetch('drafts.changed', roomId, reload);
  return { drafts, error };
}

/** Members, review rules and playbook of a room, kept live by `team.changed`. */
export function useTeam(roomId: string) {
  const [members, setMembers] = useState<RoomMember[]>([]);
  const [policy, setPolicy] = useState<RoomPolicy | null>(null);
  const [playbook, setPlaybook] = useState<Playbook | null>(null);
  const reload = useCallback(() => {
    void api.members.list({ roomId }).then((r) => r.ok && setMembers(r.value));
    void api.policy.get({ roomId }).then((r) => r.ok && setPolicy(r.value));
    void api.playbook.get({ roomId }).then((r) => r.ok && setPlaybook(r.value));
  }, [roomId]);
  useRoomRefetch('team.changed', roomId, reload);
  return { members, policy, playbook };
}

/** Who is at the keyboard (see session/who-am-i.ts), as a member of the room. */
export function useMe(roomId: string, members: RoomMember[]) {
  const meId = useMeId(roomId);
  const choose = useCallback((id: string | null) => chooseMe(roomId, id), [roomId]);
  const me = members.find((m) => m.id === meId) ?? null;
  return { me, choose };
}
