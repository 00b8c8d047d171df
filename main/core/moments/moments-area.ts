import type { momentCalls } from '../../../shared/contract/calls/moments';
import type { Moment } from '../../../shared/moments/moment';
import type { Area, CoreContext } from '../area';
import type { ReadDb } from '../db/read-db';
import type { ReplayRunner } from '../ingest/replay/replay-runner';
import type { RoomService } from '../rooms/room-service';
import { createItemRepository } from '../items/item-repository';
import { createMomentRepository, type MomentRepository } from './moment-repository';
import { createMomentService } from './moment-service';
import { createDetectionRunner, type ReplayClockReading } from './runner/detection-runner';
import type { RoomDetectionOptions } from './runner/room-detection';

export interface MomentsAreaDeps extends Pick<CoreContext, 'db' | 'events' | 'now' | 'log'> {
  /** For reads only: new items, their columns, the items a moment quotes. */
  read: ReadDb;
  rooms: RoomService;
  replays: Pick<ReplayRunner, 'state'>;
  /** The name of the column a spike was seen in (the columns area owns columns). */
  columnName: (columnId: string) => string | null;
  detection?: Partial<RoomDetectionOptions>;
}

/**
 * The moments area: its store and calls, and the detection runner fed by the core's
 * `items.added` batches. The runner starts with the area and stops when it closes.
 */
/** The most moments one room's search reads (a long event logs a few hundred). */
const momentsSearched = 500;

export function createMomentsArea(deps: MomentsAreaDeps): Area<typeof momentCalls> & {
  cues: MomentRepository;
  /** A room's moments, dismissed ones too, newest first: what search across rooms reads. */
  momentsOf(roomId: string): Moment[];
} {
  const { events } = deps;
  const replayClock = (sourceId: string): ReplayClockReading | null => {
    try {
      const state = deps.replays.state(sourceId);
      return { positionAt: state.positionAt, speed: state.speed, playing: state.status === 'playing' };
    } catch {
      return null; // not a replay, or not playing
    }
  };
  const repository = createMomentRepository(deps.db, createItemRepository(deps.read));
  const service = createMomentService({
    repository,
    now: deps.now,
    assertRoom: (roomId) => void deps.rooms.get(roomId),
    columnName: deps.columnName,
    suppress: (roomId, what, quietMs) => runner.suppress(roomId, what, quietMs),
    onDetected: (roomId, moments) => events.emit('moments.detected', { roomId, moments }),
    onChanged: (moment) => events.emit('moments.changed', { roomId: moment.roomId, moment }),
    onCuesChanged: (roomId) => events.emit('cues.changed', { roomId }),
  });
  const runner = createDetectionRunner({
    db: deps.db,
    read: deps.read,
    now: deps.now,
    log: deps.log,
    replayClock,
    ...(deps.detection ? { options: deps.detection } : {}),
    onDetected: (roomId, found, toWall) => service.recordDetected(roomId, found, toWall),
    onTick: (now) => service.checkCues(now),
  });
  let off: (() => void) | undefined;

  return {
    cues: repository,
    momentsOf: (roomId) => service.list(roomId, momentsSearched, true),
    start() {
      runner.start();
      off = events.subscribe((name, payload) => {
        if (name !== 'items.added') return;
        const added = payload as { roomId: string; newestId: number };
        runner.itemsAdded(added.roomId, added.newestId);
      });
    },
    close() {
      off?.();
      runner.close();
    },
    handlers: {
      'moments.list': ({ roomId, limit, includeDismissed }) => service.list(roomId, limit, includeDismissed),
      'moments.confirm': ({ id }) => service.confirm(id),
      'moments.dismiss': ({ id, quietMinutes }) => service.dismiss(id, quietMinutes),
      'moments.restore': ({ id }) => service.restore(id),
      'moments.merge': ({ id, intoId }) => service.merge(id, intoId),
      'moments.log': ({ roomId, note }) => service.log(roomId, note),
      'cues.list': ({ roomId }) => service.cues(roomId),
      'cues.add': ({ roomId, label, at }) => service.addCue(roomId, label, at),
      'cues.update': ({ id, label, at }) => service.updateCue(id, { label, at }),
      'cues.remove': ({ id }) => service.removeCue(id),
      'cues.next': ({ roomId }) => service.nextCue(roomId),
    },
  };
}
