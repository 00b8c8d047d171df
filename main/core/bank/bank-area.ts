import type { bankCalls } from '../../../shared/contract/calls/bank';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { AuditLog } from '../audit/audit-log';
import type { RoomService } from '../rooms/room-service';
import type { TeamService } from '../team/team-service';
import { createBankRepository } from './bank-repository';
import { createBankService, type BankServiceDeps } from './bank-service';

/** The pre-approved bank: texts a moment can go out with in one action, within their window. */
export function createBankArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'now'> & {
    rooms: RoomService;
    audit: AuditLog;
    team: TeamService;
    cues: BankServiceDeps['cues'];
    startDraft: BankServiceDeps['startDraft'];
  },
): Area<typeof bankCalls> {
  const { team } = ctx;
  const bank = createBankService({
    db: ctx.db,
    bank: createBankRepository(ctx.db),
    team,
    cues: ctx.cues,
    startDraft: ctx.startDraft,
    rooms: ctx.rooms,
    audit: ctx.audit,
    now: ctx.now,
    // The drafts panel shows the bank; it refreshes on drafts.changed without a draft id.
    onChanged: (roomId) => ctx.events.emit('drafts.changed', { roomId, draftId: null }),
  });
  return {
    handlers: {
      'bank.list': ({ roomId }) => bank.list(roomId),
      'bank.add': (input, session) => bank.add(team.actingIn(session), input),
      'bank.link': (input, session) => bank.link(team.actingIn(session), input),
      'bank.offers': ({ momentId }) => bank.offers(momentId),
      'bank.use': ({ id }, session) => bank.use(team.actingIn(session), id),
    },
    close: nothingToClose,
  };
}
