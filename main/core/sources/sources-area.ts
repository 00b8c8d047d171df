import type { sourceCalls } from '../../../shared/contract/calls/sources';
import type { Area, CoreContext } from '../area';
import type { ReadDb } from '../db/read-db';
import { createIngestScheduler } from '../ingest/pipeline/ingest-scheduler';
import type { IngestRuntime } from '../ingest/pipeline/ingest-runtime';
import { createItemsNotifier } from '../ingest/pipeline/items-notifier';
import { createReplayRunner, type ReplayRunner } from '../ingest/replay/replay-runner';
import { createItemRepository } from '../items/item-repository';
import { createItemWriter } from '../items/item-writer';
import { createLatestItems } from '../items/latest-items';
import { exportRoomRecording } from '../rooms/export-recording';
import type { StorageGuard } from '../faults/storage-guard';
import type { RoomService } from '../rooms/room-service';
import type { SecretStore } from '../secrets/secret-store';
import { createSourceRepository } from './source-repository';
import { createSourceService, type SourceService } from './source-service';

export interface SourcesAreaDeps extends CoreContext {
  /** These calls only read the items: see db/read-db.ts. */
  read: ReadDb;
  rooms: RoomService;
  secrets: SecretStore;
  /** The polling worker thread (or a stand-in in tests and benchmarks). */
  runtime: IngestRuntime;
  /** Whether start() begins polling, streams and replays (off in tests that only exercise the store). */
  ingest: boolean;
  /** A full disk pauses polling and replays instead of ending the host. */
  storage?: StorageGuard;
}

/**
 * The room's sources and everything that fills the store from them: the scheduler and its
 * worker, the replays, and the `items.added` notices. Polling starts with the area and
 * stops when it closes.
 */
export function createSourcesArea(
  deps: SourcesAreaDeps,
): Area<typeof sourceCalls> & { sources: SourceService; replays: ReplayRunner } {
  const { db, read, dataDir, now, log, events, rooms, secrets } = deps;
  const sourceRepository = createSourceRepository(db);
  const writer = createItemWriter(db);
  const notifier = createItemsNotifier(events);
  const emitSource = (sourceId: string) => {
    const source = sources.publicById(sourceId);
    if (source) events.emit('sources.changed', { source });
  };
  const replays = createReplayRunner({
    resourcesDir: deps.resourcesDir,
    sources: sourceRepository,
    writer,
    store: deps.runtime.storeItems,
    writeTurn: deps.runtime.withWriteTurn?.bind(deps.runtime),
    log,
    now,
    onItems: notifier.added,
    onHealth: emitSource,
    onState: (state) => {
      const roomId = sourceRepository.get(state.sourceId)?.roomId;
      if (roomId) events.emit('replay.changed', { ...state, roomId });
    },
    ...(deps.storage ? { storage: deps.storage } : {}),
  });
  const scheduler = createIngestScheduler({
    sources: sourceRepository,
    secrets,
    writer,
    runtime: deps.runtime,
    log,
    now,
    onItems: notifier.added,
    onHealth: emitSource,
    replay: replays,
    ...(deps.storage ? { storage: deps.storage } : {}),
  });
  const sources = createSourceService({
    sources: sourceRepository,
    secrets,
    rooms,
    now,
    onScheduleChange: (sourceId) => scheduler.refresh(sourceId),
    onChanged: (source) => events.emit('sources.changed', { source }),
    onRemoved: (removed) => events.emit('sources.removed', removed),
  });
  const latestItems = createLatestItems(read);
  const items = createItemRepository(read);
  const handlers: Area<typeof sourceCalls>['handlers'] = {
    'sources.list': sources.list,
    'sources.add': sources.add,
    'sources.update': sources.update,
    'sources.pause': ({ id }) => sources.setPaused(id, true),
    'sources.resume': ({ id }) => sources.setPaused(id, false),
    'sources.pollNow': ({ id }) => {
      const source = sources.readable(id);
      scheduler.pollNow(id);
      return source;
    },
    'sources.remove': ({ id }) => sources.remove(id),
    'replay.state': ({ id }) => {
      sources.readable(id);
      return replays.state(id);
    },
    'replay.control': (input) => {
      sources.readable(input.sourceId);
      return replays.control(input.sourceId, input.action === 'speed' ? { speed: input.speed } : input.action);
    },
    'items.latest': ({ roomId, limit, sourceId }) => {
      rooms.get(roomId);
      return latestItems(roomId, limit, sourceId);
    },
    'rooms.exportRecording': ({ roomId }) => exportRoomRecording(items, dataDir, rooms.get(roomId), now()),
  };
  return {
    sources,
    replays,
    handlers,
    start() {
      if (deps.ingest) scheduler.start();
    },
    async close() {
      await scheduler.close();
      replays.close();
      notifier.close();
    },
  };
}
