import { randomUUID } from 'node:crypto';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Network } from '../../../shared/drafts/networks';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import type { MomentRepository } from '../moments/moment-repository';
import type { RoomService } from '../rooms/room-service';
import { requireWriter, type ActingPerson } from '../team/team-roles';
import type { TeamService } from '../team/team-service';
import type { BankRepository } from './bank-repository';

export interface BankServiceDeps {
  db: Db;
  bank: BankRepository;
  team: Pick<TeamService, 'policy'>;
  /** The run-of-show's cues, which moments own. */
  cues: Pick<MomentRepository, 'cue' | 'cuesOfMoment'>;
  /** Starts an approved draft from a text (the drafts area owns drafts). */
  startDraft: (entry: BankEntry, by: RoomMember) => DraftView;
  rooms: RoomService;
  audit: AuditLog;
  now: () => number;
  onChanged: (roomId: string) => void;
}

export type BankService = ReturnType<typeof createBankService>;

/** Texts approved ahead of time for moments a team expects ("if we win"), each valid for a window. */
export function createBankService({ db, bank, team, cues, startDraft, rooms, audit, now, onChanged }: BankServiceDeps) {
  const mustGet = (id: string): BankEntry => {
    const entry = bank.entry(id);
    if (!entry) {
      throw keyedError('not_found', 'errors.bank.notFound', 'This pre-approved text no longer exists.', {
        field: 'id',
      });
    }
    return entry;
  };

  /** Whoever may approve in the room may pre-approve, and so choose when a text is offered. */
  const mayPreApprove = (roomId: string, actor: ActingPerson): RoomMember => {
    const by = actor(roomId);
    if (!team.policy(roomId).approverRoles.includes(by.role)) {
      throw keyedError(
        'forbidden',
        'errors.bank.cannotAdd',
        `As ${by.role}, you cannot pre-approve content in this room.`,
        { params: { role: by.role } },
      );
    }
    return by;
  };

  const checkCue = (roomId: string, cueId: string): void => {
    if (cues.cue(cueId)?.roomId !== roomId) {
      throw keyedError('not_found', 'errors.bank.cueNotFound', 'This cue is not in the run-of-show of this room.', {
        field: 'cueId',
      });
    }
  };

  return {
    list(roomId: string): BankEntry[] {
      rooms.get(roomId);
      return bank.ofRoom(roomId);
    },

    /** Pre-approved ahead of time, so only someone who may approve can put a text in the bank. */
    add(
      actor: ActingPerson,
      input: {
        roomId: string;
        title: string;
        body: string;
        networks: Network[];
        validFrom: number;
        validUntil: number;
        cueId?: string | null;
      },
    ): BankEntry {
      rooms.get(input.roomId);
      const by = mayPreApprove(input.roomId, actor);
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
        bank.add(entry);
        audit.record({ type: 'bank_added', roomId: entry.roomId, actor: by, at, bankId: entry.id, title: entry.title });
      })();
      onChanged(entry.roomId);
      return entry;
    },

    /** Ties a text to a cue (or unties it with null); recorded in the audit log. */
    link(actor: ActingPerson, input: { id: string; cueId: string | null }): BankEntry {
      const entry = mustGet(input.id);
      const by = mayPreApprove(entry.roomId, actor);
      if (input.cueId !== null) checkCue(entry.roomId, input.cueId);
      db.transaction(() => {
        bank.link(entry.id, input.cueId);
        audit.record({
          type: 'bank_linked',
          roomId: entry.roomId,
          actor: by,
          at: now(),
          bankId: entry.id,
          cueId: input.cueId,
          title: entry.title,
        });
      })();
      onChanged(entry.roomId);
      return mustGet(entry.id);
    },

    /** The texts ready for the cue a scheduled moment came from, valid now: the alert offers them. */
    offers: (momentId: string): BankEntry[] => bank.validFor(cues.cuesOfMoment(momentId), now()),

    /** One action from the bank to an approved draft, ready for the outbox. */
    use(actor: ActingPerson, id: string): DraftView {
      const entry = mustGet(id);
      const by = actor(entry.roomId);
      requireWriter(
        by,
        'errors.bank.cannotUse',
        (role) => `Only a lead or a writer can use the bank; you are ${role}.`,
      );
      return startDraft(entry, by);
    },
  };
}
