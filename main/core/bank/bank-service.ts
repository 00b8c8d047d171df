import { randomUUID } from 'node:crypto';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import type { Network } from '../../../shared/drafts/networks';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import type { DraftService } from './draft-service';
import type { TeamRepository } from './team-repository';
import type { TeamService } from './team-service';

export interface BankServiceDeps {
  db: Db;
  bank: TeamRepository;
  team: TeamService;
  drafts: DraftService;
  rooms: RoomService;
  now: () => number;
  onChanged: (roomId: string) => void;
}

/** Texts approved ahead of time for moments a team expects ("if we win"), each valid for a window. */
export function createBankService({ db, bank, team, drafts, rooms, now, onChanged }: BankServiceDeps) {
  const mustGet = (id: string): BankEntry => {
    const entry = bank.bankEntry(id);
    if (!entry) {
      throw keyedError('not_found', 'errors.bank.notFound', 'This pre-approved text no longer exists.', {
        field: 'id',
      });
    }
    return entry;
  };

  /** Whoever may approve in the room may pre-approve, and so choose when a text is offered. */
  const mayPreApprove = (roomId: string, actorId: string) => {
    const by = team.actor(roomId, actorId);
    if (!team.policy(roomId).approverRoles.includes(by.role)) {
      throw keyedError(
        'forbidden',
        'errors.bank.cannotAdd',
        `As ${by.role}, you cannot pre-approve content in this room.`,
        { field: 'actorId', params: { role: by.role } },
      );
    }
    return by;
  };

  const checkCue = (roomId: string, cueId: string): void => {
    if (bank.cueRoom(cueId) !== roomId) {
      throw keyedError('not_found', 'errors.bank.cueNotFound', 'This cue is not in the run-of-show of this room.', {
        field: 'cueId',
      });
    }
  };

  return {
    list(roomId: string): BankEntry[] {
      rooms.get(roomId);
      return bank.bank(roomId);
    },

    /** Pre-approved ahead of time, so only someone who may approve can put a text in the bank. */
    add(input: {
      roomId: string;
      actorId: string;
      title: string;
      body: string;
      networks: Network[];
      validFrom: number;
      validUntil: number;
      cueId?: string | null;
    }): BankEntry {
      const by = mayPreApprove(input.roomId, input.actorId);
      const cueId = input.cueId ?? null;
      if (cueId !== null) checkCue(input.roomId, cueId);
      if (input.validUntil <= input.validFrom) {
        throw keyedError('invalid_input', 'errors.bank.windowOrder', 'The validity window must end after it starts.', {
          field: 'validUntil',
        });
      }
      const at = now();
      const entry: BankEntry = {
        id: randomUUID(),
        roomId: input.roomId,
        title: input.title,
        body: input.body,
        networks: [...new Set(input.networks)],
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        approvedBy: by.id,
        createdAt: at,
        cueId,
      };
      db.transaction(() => {
        bank.addBank(entry);
        team.audit({
          roomId: input.roomId,
          draftId: null,
          type: 'bank_added',
          actor: by,
          at,
          detail: { bankId: entry.id },
          key: 'drafts.event.bankAdded',
          params: { title: entry.title },
        });
      })();
      onChanged(input.roomId);
      return entry;
    },

    /** Ties a text to a cue (or unties it with null); recorded in the audit log. */
    link(input: { id: string; actorId: string; cueId: string | null }): BankEntry {
      const entry = mustGet(input.id);
      const by = mayPreApprove(entry.roomId, input.actorId);
      if (input.cueId !== null) checkCue(entry.roomId, input.cueId);
      db.transaction(() => {
        bank.linkBank(entry.id, input.cueId);
        team.audit({
          roomId: entry.roomId,
          draftId: null,
          type: 'bank_linked',
          actor: by,
          at: now(),
          detail: { bankId: entry.id, cueId: input.cueId },
          key: input.cueId === null ? 'drafts.event.bankUnlinked' : 'drafts.event.bankLinked',
          params: { title: entry.title },
        });
      })();
      onChanged(entry.roomId);
      return mustGet(entry.id);
    },

    /** The texts ready for the cue a scheduled moment came from, valid now: the alert offers them. */
    offers(momentId: string): BankEntry[] {
      return bank.bankOffers(momentId, now());
    },

    /** One action from the bank to an approved draft, ready for the outbox. */
    use(input: { id: string; actorId: string }): DraftView {
      const entry = mustGet(input.id);
      const by = team.actor(entry.roomId, input.actorId);
      if (by.role !== 'lead' && by.role !== 'writer') {
        throw keyedError(
          'forbidden',
          'errors.bank.cannotUse',
          `Only a lead or a writer can use the bank; you are ${by.role}.`,
          { field: 'actorId', params: { role: by.role } },
        );
      }
      return drafts.startFromBank(entry, by);
    },
  };
}
