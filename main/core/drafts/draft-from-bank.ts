import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { requiredSlots } from '../../../shared/drafts/lifecycle';
import { keyedError } from '../errors';
import type { DraftDeps, DraftKit } from './draft-kit';

/** The bank's side of drafts: a text approved ahead of time starts life as an approved draft. */
export function createDraftFromBank(
  { db, team, audit, now }: DraftDeps,
  { insertNew, write, done }: Pick<DraftKit, 'insertNew' | 'write' | 'done'>,
) {
  return {
    /** A pre-approved bank text as an approved draft, ready to publish; its stopwatch starts now. */
    startFromBank(entry: BankEntry, by: RoomMember): DraftView {
      const at = now();
      if (at < entry.validFrom || at >= entry.validUntil) {
        throw keyedError(
          'invalid_transition',
          'errors.bank.outsideWindow',
          'This pre-approved text is outside its validity window; write a fresh draft instead.',
          { params: { validFrom: entry.validFrom, validUntil: entry.validUntil } },
        );
      }
      const draft = db.transaction(() => {
        const created = insertNew({
          roomId: entry.roomId,
          author: by,
          body: entry.body,
          networks: entry.networks,
          triggerKind: 'bank',
          triggerRef: entry.id,
          triggerAt: at,
          at,
        });
        const slots = requiredSlots(team.policy(entry.roomId));
        write({
          ...created,
          state: 'approved',
          approvals: slots.map((slot) => ({ slot, memberId: entry.approvedBy, at: entry.createdAt })),
          stopwatch: { ...created.stopwatch, firstEditAt: at, submittedAt: at, approvedAt: at },
        });
        audit.record({
          type: 'from_bank',
          roomId: entry.roomId,
          draftId: created.id,
          actor: by,
          at,
          bankId: entry.id,
          title: entry.title,
        });
        return created;
      })();
      return done(draft);
    },
  };
}
