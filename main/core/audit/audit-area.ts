import type { auditCalls } from '../../../shared/contract/calls/audit';
import { nothingToClose, type Area, type CoreContext } from '../area';
import type { RoomService } from '../rooms/room-service';
import { toStoredLine, type AuditRecord } from './audit-entries';
import { createAuditRepository } from './audit-repository';

/** Appends to the audit trail; call it inside the transaction of the change it records. */
export interface AuditLog {
  record(entry: AuditRecord): void;
}

/** The audit trail of every room: what each person (or Riposte's own clock) did, and when. */
export function createAuditArea(ctx: Pick<CoreContext, 'db'> & { rooms: RoomService }): Area<typeof auditCalls> & {
  log: AuditLog;
} {
  const repository = createAuditRepository(ctx.db);
  return {
    log: { record: (entry) => void repository.append(toStoredLine(entry)) },
    handlers: {
      'audit.list': ({ roomId, ...filter }) => {
        ctx.rooms.get(roomId);
        return repository.list({ roomId, ...filter });
      },
    },
    close: nothingToClose,
  };
}
