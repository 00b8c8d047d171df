import type { Moment } from '../../../shared/moments/moment';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';

/**
 * "Draft from this moment": a draft linked to the moment (drafts.create with a moment
 * trigger), written by the person at the keyboard (picked in the drafts panel, remembered
 * per room) or else the room's first member.
 */
export async function draftFromMoment(moment: Moment): Promise<{ ok: true } | ContractError> {
  let actorId = localStorage.getItem(`riposte.me.${moment.roomId}`);
  if (!actorId) {
    const members = await api.members.list({ roomId: moment.roomId });
    if (!members.ok) return members;
    actorId = members.value.find((member) => member.removedAt === null)?.id ?? null;
  }
  if (!actorId)
    return {
      ok: false,
      code: 'invalid_input',
      message: 'Add yourself to the team first.',
      messageKey: 'moments:alert.noMember',
    };
  const created = await api.drafts.create({
    roomId: moment.roomId,
    actorId,
    trigger: { kind: 'moment', momentId: moment.id, at: moment.detectedAt },
  });
  return created.ok ? { ok: true } : created;
}
