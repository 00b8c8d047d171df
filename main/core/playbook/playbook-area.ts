import type { playbookCalls } from '../../../shared/contract/calls/playbook';
import type { AuditLog } from '../audit/audit-log';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { RoomService } from '../rooms/room-service';
import type { TeamService } from '../team/team-service';
import { createPlaybookService, type PlaybookService } from './playbook-service';

export function createPlaybookArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'now'> & { rooms: RoomService; team: TeamService; audit: AuditLog },
): Area<typeof playbookCalls> & { playbook: PlaybookService } {
  const playbook = createPlaybookService({
    db: ctx.db,
    rooms: ctx.rooms,
    audit: ctx.audit,
    now: ctx.now,
    // The renderer keeps a room's members, rules, playbook and checklist live on this one event.
    onChanged: (roomId) => ctx.events.emit('team.changed', { roomId }),
  });
  const { actingIn } = ctx.team;
  return {
    playbook,
    handlers: {
      'playbook.get': ({ roomId }) => playbook.get(roomId),
      'playbook.update': ({ roomId, playbook: next }, session) => playbook.update(roomId, actingIn(session), next),
      'playbook.export': ({ roomId }) => playbook.export(roomId),
      'playbook.import': ({ roomId, text }, session) => playbook.import(roomId, actingIn(session), text),
    },
    close: nothingToClose,
  };
}
