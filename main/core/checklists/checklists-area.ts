import type { checklistCalls } from '../../../shared/contract/calls/checklists';
import type { AuditLog } from '../audit/audit-log';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { RoomService } from '../rooms/room-service';
import type { TeamService } from '../team/team-service';
import { createChecklistService, type ChecklistService } from './checklist-service';

export function createChecklistsArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'now' | 'resourcesDir'> & {
    rooms: RoomService;
    team: TeamService;
    audit: AuditLog;
  },
): Area<typeof checklistCalls> & { checklists: ChecklistService } {
  const checklists = createChecklistService({
    db: ctx.db,
    rooms: ctx.rooms,
    audit: ctx.audit,
    resourcesDir: ctx.resourcesDir,
    now: ctx.now,
    onChanged: (roomId) => ctx.events.emit('team.changed', { roomId }),
    onRoomAnswered: (roomId) => ctx.events.emit('drafts.changed', { roomId, draftId: null }),
  });
  return {
    checklists,
    handlers: {
      'checklist.get': ({ roomId }) => checklists.get(roomId),
      'checklist.update': ({ roomId, template }, session) =>
        checklists.update(roomId, ctx.team.actingIn(session), template),
      'checklist.roomAnswers': ({ roomId }) => {
        ctx.rooms.get(roomId);
        return checklists.roomAnswers(roomId);
      },
      'checklist.answerRoom': ({ roomId, ...input }, session) =>
        checklists.answerRoom(roomId, ctx.team.actingIn(session), input),
    },
    close: nothingToClose,
  };
}
