import type { backupCalls } from '../../../shared/contract/calls/backups';
import type { Area, CoreContext } from '../area';
import { keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import { requireCapability } from '../team/call-gate';
import type { TeamService } from '../team/team-service';
import type { Session } from '../session/session';
import { createBackupService } from './backup-service';

const machineOnly = () =>
  keyedError(
    'forbidden',
    'errors.team.machineOnly',
    'Only the host machine can do this; a teammate’s session works inside its own room.',
  );

/** Backups by hand and on a timer; the lead of a room runs them. */
export function createBackupArea(
  ctx: Pick<CoreContext, 'db' | 'now' | 'dataDir' | 'log'> & {
    rooms: RoomService;
    team: Pick<TeamService, 'actingIn'>;
    intervalMs?: number;
  },
): Area<typeof backupCalls> {
  const backups = createBackupService(ctx);
  const lead = (roomId: string, session: Session) => {
    ctx.rooms.get(roomId);
    requireCapability(ctx.team.actingIn(session)(roomId), 'manage');
  };
  return {
    handlers: {
      'backups.create': ({ roomId, scope }, session) => {
        lead(roomId, session);
        if (scope === 'store' && session.binding) throw machineOnly();
        return backups.create(scope === 'room' ? roomId : null);
      },
      'backups.list': ({ roomId }, session) => {
        lead(roomId, session);
        return backups.list();
      },
      'backups.settings': ({ roomId }, session) => {
        lead(roomId, session);
        return backups.settings();
      },
      'backups.setFolder': async ({ roomId, folder }, session) => {
        lead(roomId, session);
        // A path on the host's own disk: picked by the person at that machine (the USB stick is there).
        if (session.binding) throw machineOnly();
        await backups.setFolder(folder);
        return backups.settings();
      },
    },
    start: () => backups.start(ctx.intervalMs),
    close: () => backups.close(),
  };
}
