import type { Moment } from '../../../shared/moments/moment';
import type { ContractError, Result } from '../../../shared/contract/result';
import { api } from '../api';
import { readMe } from '../app/who-am-i';
import { requestOpenDraft } from '../drafts/respond';

/**
 * The person acting from the alert: the one picked in the drafts panel (remembered per
 * room), or else the room's first member.
 */
async function actorFor(roomId: string): Promise<Result<string>> {
  const picked = readMe(roomId);
  if (picked) return { ok: true, value: picked };
  const members = await api.members.list({ roomId });
  if (!members.ok) return members;
  const first = members.value.find((member) => member.removedAt === null)?.id;
  if (first) return { ok: true, value: first };
  const error: ContractError = {
    ok: false,
    code: 'invalid_input',
    message: 'Add yourself to the team first.',
    messageKey: 'moments:alert.noMember',
  };
  return error;
}

/** "Draft from this moment": a draft linked to the moment (drafts.create with a moment trigger). */
export async function draftFromMoment(moment: Moment): Promise<{ ok: true } | ContractError> {
  const actor = await actorFor(moment.roomId);
  if (!actor.ok) return actor;
  const created = await api.drafts.create({
    roomId: moment.roomId,
    actorId: actor.value,
    trigger: { kind: 'moment', momentId: moment.id, at: moment.detectedAt },
  });
  return created.ok ? { ok: true } : created;
}

/**
 * A cue came due and the bank holds a text ready for it: one action turns it into an
 * approved draft, opened in the drafts panel.
 */
export async function takeFromBank(roomId: string, bankId: string): Promise<{ ok: true } | ContractError> {
  const actor = await actorFor(roomId);
  if (!actor.ok) return actor;
  const used = await api.bank.use({ id: bankId, actorId: actor.value });
  if (!used.ok) return used;
  requestOpenDraft({ roomId, draftId: used.value.id });
  return { ok: true };
}
