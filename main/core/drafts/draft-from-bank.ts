import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { requiredSlots } from '../../../shared/drafts/lifecycle';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import type { DraftKit } from './draft-kit';
import type { TeamService } from './team-service';

/** The bank's side of drafts: a text approved ahead of time starts life as an approved draft. */
export function createDraftFromBank({
  db,
  team,
  now,
  kit: { insertNew, write, done },
}: {
  db: Db;
  team: TeamService;
  now: () => number;
  kit: DraftKit;
}) {
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
        team.audit({
          roomId: entry.roomId,
          draftId: created.id,
          type: 'from_bank',
          actor: by,
          at,
          from: 'draft',
          to: 'approved',
          detail: { bankId: entry.id },
          key: 'drafts.event.fromBank',
          params: { title: entry.title },
        });
        return created;
      })();
      return done(draft);
    },
  };
}
