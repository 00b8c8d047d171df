import type { Result } from '../../../shared/contract/result';
import type { Moment } from '../../../shared/moments/moment';
import { api } from '../api';
import { startDraftAsMe } from '../drafts/respond';

/** "Draft from this moment": a draft linked to the moment, its stopwatch starting at detection. */
export function draftFromMoment(moment: Moment): Promise<Result<{ draftId: string }>> {
  return startDraftAsMe(moment.roomId, () =>
    api.drafts.create({
      roomId: moment.roomId,
      trigger: { kind: 'moment', momentId: moment.id, at: moment.detectedAt },
    }),
  );
}

/**
 * A cue came due and the bank holds a text ready for it: one action turns it into an
 * approved draft, opened in the drafts panel.
 */
export function takeFromBank(roomId: string, bankId: string): Promise<Result<{ draftId: string }>> {
  return startDraftAsMe(roomId, () => api.bank.use({ id: bankId }));
}
