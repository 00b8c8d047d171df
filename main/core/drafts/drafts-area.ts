import type { draftCalls } from '../../../shared/contract/calls/drafts';
import type { HandlersOf } from '../contract/dispatch';
import type { Db } from '../db/open-database';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../log/rotating-log';
import type { RoomService } from '../rooms/room-service';
import { assetExists } from '../assets/asset-folder';
import { createBankService } from './bank-service';
import { createDraftExpiry, type DraftExpiry } from './draft-expiry';
import { createDraftRepository } from './draft-repository';
import { createDraftService } from './draft-service';
import { createTeamRepository } from './team-repository';
import { createTeamService } from './team-service';

export interface DraftHandlerDeps {
  db: Db;
  rooms: RoomService;
  events: EventHub;
  resourcesDir: string;
  /** Holds the rooms' asset folders, where draft media comes from. */
  dataDir: string;
  now: () => number;
  log: Pick<Logger, 'error'>;
}

export interface DraftsArea {
  handlers: HandlersOf<typeof draftCalls>;
  /** The timer that expires drafts past their window; create-core starts and stops it. */
  expiry: DraftExpiry;
}

/** Drafts, their review and the room's team, playbook, checklist, bank and audit trail. */
export function createDraftsArea({ db, rooms, events, resourcesDir, dataDir, now, log }: DraftHandlerDeps): DraftsArea {
  const teamRepository = createTeamRepository(db);
  const itemTime = db.prepare<[number, string], { published_at: number }>(
    'SELECT published_at FROM items WHERE id = ? AND room_id = ?',
  );
  const team = createTeamService({
    db,
    team: teamRepository,
    rooms,
    resourcesDir,
    now,
    onChanged: (roomId) => events.emit('team.changed', { roomId }),
  });
  const drafts = createDraftService({
    db,
    drafts: createDraftRepository(db),
    team,
    rooms,
    now,
    itemTime: (roomId, itemId) => itemTime.get(itemId, roomId)?.published_at,
    assetExists: (roomId, name) => assetExists(dataDir, roomId, name),
    onChanged: (roomId, draftId) => events.emit('drafts.changed', { roomId, draftId }),
  });
  const bank = createBankService({
    db,
    bank: teamRepository,
    team,
    drafts,
    rooms,
    now,
    onChanged: (roomId) => events.emit('drafts.changed', { roomId, draftId: null }),
  });
  const expiry = createDraftExpiry({ db, drafts, now, log });
  const handlers: HandlersOf<typeof draftCalls> = {
    'members.list': ({ roomId, includeRemoved }) => team.members(roomId, includeRemoved),
    'members.add': ({ roomId, name, role }) => team.addMember(roomId, name, role),
    'members.remove': ({ roomId, actorId, memberId }) => team.removeMember(roomId, actorId, memberId),
    'policy.get': ({ roomId }) => {
      rooms.get(roomId);
      return team.policy(roomId);
    },
    'policy.update': ({ roomId, actorId, policy }) => team.updatePolicy(roomId, actorId, policy),
    'playbook.get': ({ roomId }) => {
      rooms.get(roomId);
      return team.playbook(roomId);
    },
    'playbook.update': ({ roomId, actorId, playbook }) => team.updatePlaybook(roomId, actorId, playbook),
    'playbook.export': ({ roomId }) => team.exportPlaybook(roomId),
    'playbook.import': ({ roomId, actorId, text }) => team.importPlaybook(roomId, actorId, text),
    'checklist.get': ({ roomId }) => {
      rooms.get(roomId);
      return team.template(roomId);
    },
    'checklist.update': ({ roomId, actorId, template }) => team.updateTemplate(roomId, actorId, template),
    'drafts.list': ({ roomId }) => drafts.list(roomId),
    'drafts.get': ({ id }) => drafts.get(id),
    'drafts.create': (input) => drafts.create(input),
    'drafts.save': (input) => drafts.save(input),
    'drafts.assign': (input) => drafts.assign(input),
    'drafts.transition': (input) => drafts.transition(input),
    'drafts.answer': (input) => drafts.answer(input),
    'drafts.comment': (input) => drafts.comment(input),
    'drafts.comments': ({ id }) => drafts.comments(id),
    'drafts.revisions': ({ id }) => drafts.revisions(id),
    'bank.list': ({ roomId }) => bank.list(roomId),
    'bank.add': (input) => bank.add(input),
    'bank.link': (input) => bank.link(input),
    'bank.offers': ({ momentId }) => bank.offers(momentId),
    'bank.use': (input) => bank.use(input),
    'audit.list': ({ roomId, ...filter }) => {
      rooms.get(roomId);
      return teamRepository.audit({ roomId, ...filter });
    },
  };
  return { handlers, expiry };
}
