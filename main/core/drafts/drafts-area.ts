import type { draftCalls } from '../../../shared/contract/calls/drafts';
import type { Area, CoreContext } from '../area';
import { assetExists } from '../assets/asset-folder';
import type { AuditLog } from '../audit/audit-log';
import type { ChecklistService } from '../checklists/checklist-service';
import type { ItemRepository } from '../items/item-repository';
import type { DraftPublication } from '../outbox/draft-publication';
import type { PlaybookService } from '../playbook/playbook-service';
import type { RoomService } from '../rooms/room-service';
import type { TeamService } from '../team/team-service';
import { createDraftExpiry, DRAFT_EXPIRY_INTERVAL_MS } from './draft-expiry';
import { createDraftRepository } from './draft-repository';
import { createDraftService, type DraftService } from './draft-service';

export interface DraftsAreaDeps extends CoreContext {
  rooms: RoomService;
  team: TeamService;
  playbook: PlaybookService;
  checklists: ChecklistService;
  audit: AuditLog;
  items: Pick<ItemRepository, 'publishedAtInRoom'>;
  /** How often drafts past their freshness window are expired (tests shorten it). */
  expiryIntervalMs?: number;
}

/**
 * Drafts and their review: writing, checklist answers, approvals, comments and history.
 * Its background work is the timer that expires drafts past their window.
 */
export function createDraftsArea(
  deps: DraftsAreaDeps,
): Area<typeof draftCalls> & { drafts: DraftService; publication: DraftPublication } {
  const { db, team, now, log, dataDir } = deps;
  const repository = createDraftRepository(db);
  const drafts = createDraftService({
    db,
    drafts: repository,
    team,
    playbook: deps.playbook,
    checklists: deps.checklists,
    audit: deps.audit,
    rooms: deps.rooms,
    now,
    itemTime: (roomId, itemId) => deps.items.publishedAtInRoom(itemId, roomId),
    assetExists: (roomId, name) => assetExists(dataDir, roomId, name),
    onChanged: (roomId, draftId) => deps.events.emit('drafts.changed', { roomId, draftId }),
  });
  const expiry = createDraftExpiry({ repository, drafts, now, log });
  const { actingIn } = team;
  const publication: DraftPublication = {
    get: (id) => drafts.get(id),
    recordPublication(draftId, at, everyChannelOut) {
      const current = repository.get(draftId);
      if (!current) return;
      const firstOut = Math.min(current.stopwatch.publishedAt ?? at, at);
      const state = everyChannelOut ? 'published' : current.state;
      if (state === current.state && firstOut === current.stopwatch.publishedAt) return;
      // The outbox holds the entry's transaction: no one else writes this draft in between.
      repository.update({
        ...current,
        state,
        stopwatch: { ...current.stopwatch, publishedAt: firstOut },
        updatedAt: Math.max(current.updatedAt, at),
      });
      deps.events.emit('drafts.changed', { roomId: current.roomId, draftId });
    },
  };
  return {
    drafts,
    publication,
    handlers: {
      'drafts.list': ({ roomId }) => drafts.list(roomId),
      'drafts.get': ({ id }) => drafts.get(id),
      'drafts.create': (input, session) => drafts.create(actingIn(session), input),
      'drafts.save': (input, session) => drafts.save(actingIn(session), input),
      'drafts.assign': (input, session) => drafts.assign(actingIn(session), input),
      'drafts.transition': (input, session) => drafts.transition(actingIn(session), input),
      'drafts.answer': (input, session) => drafts.answer(actingIn(session), input),
      'drafts.comment': (input, session) => drafts.comment(actingIn(session), input),
      'drafts.comments': ({ id }) => drafts.comments(id),
      'drafts.revisions': ({ id }) => drafts.revisions(id),
    },
    start: () => expiry.start(deps.expiryIntervalMs ?? DRAFT_EXPIRY_INTERVAL_MS),
    close: () => expiry.stop(),
  };
}
