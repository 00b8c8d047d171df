import { useCallback, useEffect, useState } from 'react';
import type { DraftView, RoomMember } from '../../../shared/contract/calls/drafts';
import type { ContractError } from '../../../shared/contract/result';
import type { RoomPolicy } from '../../../shared/drafts/team';
import type { Playbook } from '../../../shared/playbook/playbook';
import { api } from '../api';

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
  useEffect(() => {
    reload();
    return api.on('drafts.changed', (change) => {
      if (change.roomId === roomId) reload();
    });
  }, [roomId, reload]);
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
  useEffect(() => {
    reload();
    return api.on('team.changed', (change) => {
      if (change.roomId === roomId) reload();
    });
  }, [roomId, reload]);
  return { members, policy, playbook };
}

export const meKey = (roomId: string) => `riposte.me.${roomId}`;

/** Who is at the keyboard: picked by the person, remembered per room in this browser. */
export function useMe(roomId: string, members: RoomMember[]) {
  const [meId, setMeId] = useState<string | null>(() => localStorage.getItem(meKey(roomId)));
  const choose = useCallback(
    (id: string | null) => {
      setMeId(id);
      if (id) localStorage.setItem(meKey(roomId), id);
      else localStorage.removeItem(meKey(roomId));
    },
    [roomId],
  );
  const me = members.find((m) => m.id === meId) ?? null;
  return { me, choose };
}
