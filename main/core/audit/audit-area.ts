import type { auditCalls } from '../../../shared/contract/calls/audit';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { RoomService } from '../rooms/room-service';
import { toStoredLine } from './audit-entries';
import type { AuditLog } from './audit-log';
import { createAuditRepository } from './audit-repository';

/** The audit trail of every room: what each person (or Riposte's own clock) did, and when. */
export function createAuditArea(
  ctx: Pick<CoreContext, 'db'> & { rooms: RoomService },
): Area<typeof auditCalls> & { log: AuditLog } {
  const repository = createAuditRepository(ctx.db);
  return {
    log: { record: (entry) => void repository.append(toStoredLine(entry)) },
    handlers: {
      'audit.list': (filter) => {
        ctx.rooms.get(filter.roomId);
        return repository.list(filter);
      },
    },
    close: nothingToClose,
  };
}
