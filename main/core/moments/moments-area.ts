import type { momentCalls } from '../../../shared/contract/calls/moments';
import type { HandlersOf } from '../contract/dispatch';
import type { Db } from '../db/open-database';
import type { ReadDb } from '../db/read-db';
import type { EventHub } from '../events/event-hub';
import type { ReplayRunner } from '../ingest/replay/replay-runner';
import type { Logger } from '../log/rotating-log';
import type { RoomService } from '../rooms/room-service';
import { createItemRepository } from '../items/item-repository';
import { createMomentRepository } from './moment-repository';
import { createMomentService } from './moment-service';
import { createDetectionRunner, type ReplayClockReading } from './runner/detection-runner';
import type { RoomDetectionOptions } from './runner/room-detection';

export interface MomentHandlerDeps {
  db: Db;
  /** For reads only: new items, their columns, the items a moment quotes. */
  read: ReadDb;
  events: EventHub;
  rooms: RoomService;
  replays: Pick<ReplayRunner, 'state'>;
  now: () => number;
  log: Logger;
  detection?: Partial<RoomDetectionOptions>;
}

/**
 * The moments area: its store and calls, and the detection runner it starts, fed by the
 * core's `items.added` batches. The runner's timer is unref'd and stops by itself once the
 * database is closed, so the core needs no extra shutdown step.
 */
export function momentHandlers(deps: MomentHandlerDeps): HandlersOf<typeof momentCalls> {
  const { events } = deps;
  const replayClock = (sourceId: string): ReplayClockReading | null => {
    try {
      const state = deps.replays.state(sourceId);
      return { positionAt: state.positionAt, speed: state.speed, playing: state.status === 'playing' };
    } catch {
      return null; // not a replay, or not playing
    }
  };
  const columnName = deps.db.prepare<[string], { name: string }>('SELECT name FROM columns WHERE id = ?');
  const service = createMomentService({
    repository: createMomentRepository(deps.db, createItemRepository(deps.read)),
    now: deps.now,
    assertRoom: (roomId) => void deps.rooms.get(roomId),
    columnName: (columnId) => columnName.get(columnId)?.name ?? null,
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
  const off = events.subscribe((name, payload) => {
    if (!deps.db.open) {
      off();
      runner.close();
      return;
    }
    if (name === 'items.added') {
      const added = payload as { roomId: string; newestId: number };
      runner.itemsAdded(added.roomId, added.newestId);
    }
  });

  return {
    'moments.list': ({ roomId, limit, includeDismissed }) => service.list(roomId, limit, includeDismissed),
    'moments.confirm': ({ id }) => service.confirm(id),
    'moments.dismiss': ({ id, quietMinutes }) => service.dismiss(id, quietMinutes),
    'moments.merge': ({ id, intoId }) => service.merge(id, intoId),
    'moments.log': ({ roomId, note }) => service.log(roomId, note),
    'cues.list': ({ roomId }) => service.cues(roomId),
    'cues.add': ({ roomId, label, at }) => service.addCue(roomId, label, at),
    'cues.update': ({ id, label, at }) => service.updateCue(id, { label, at }),
    'cues.remove': ({ id }) => service.removeCue(id),
    'cues.next': ({ roomId }) => service.nextCue(roomId),
  };
}
