import type { sourceCalls } from '../../../shared/contract/calls/sources';
import type { HandlersOf } from '../contract/dispatch';
import type { ReadDb } from '../db/read-db';
import { createItemRepository } from '../items/item-repository';
import type { IngestScheduler } from '../ingest/pipeline/ingest-scheduler';
import type { ReplayRunner } from '../ingest/replay/replay-runner';
import { createLatestItems } from '../items/latest-items';
import { exportRoomRecording } from '../rooms/export-recording';
import type { RoomService } from '../rooms/room-service';
import type { SourceService } from './source-service';

export interface SourceHandlerDeps {
  /** These calls only read the items: see db/read-db.ts. */
  read: ReadDb;
  dataDir: string;
  now: () => number;
  rooms: RoomService;
  sources: SourceService;
  scheduler: IngestScheduler;
  replays: ReplayRunner;
}

export function sourceHandlers({
  read,
  dataDir,
  now,
  rooms,
  sources,
  scheduler,
  replays,
}: SourceHandlerDeps): HandlersOf<typeof sourceCalls> {
  const latestItems = createLatestItems(read);
  const items = createItemRepository(read);
  return {
    'sources.list': sources.list,
    'sources.add': sources.add,
    'sources.update': sources.update,
    'sources.pause': ({ id }) => sources.setPaused(id, true),
    'sources.resume': ({ id }) => sources.setPaused(id, false),
    'sources.pollNow': ({ id }) => {
      const source = sources.get(id);
      scheduler.pollNow(id);
      return source;
    },
    'sources.remove': ({ id }) => sources.remove(id),
    'replay.state': ({ id }) => replays.state(id),
    'replay.control': (input) =>
      replays.control(input.sourceId, input.action === 'speed' ? { speed: input.speed } : input.action),
    'items.latest': ({ roomId, limit, sourceId }) => {
      rooms.get(roomId);
      return latestItems(roomId, limit, sourceId);
    },
    'rooms.exportRecording': ({ roomId }) => exportRoomRecording(items, dataDir, rooms.get(roomId), now()),
  };
}
