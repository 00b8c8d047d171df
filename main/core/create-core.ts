import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calls, type AppInfo } from '../../shared/contract';
import { assetHandlers } from './assets/asset-handlers';
import { columnHandlers } from './columns/column-handlers';
import { layoutHandlers } from './layouts/layout-handlers';
import { createDraftsArea } from './drafts/draft-handlers';
import { DRAFT_EXPIRY_INTERVAL_MS } from './drafts/draft-expiry';
import { createDispatch, type Dispatch, type Handlers } from './contract/dispatch';
import { openDatabase, type Db } from './db/open-database';
import { openReadDb } from './db/read-db';
import { createEventHub, type EventHub } from './events/event-hub';
import { createIngestScheduler } from './ingest/pipeline/ingest-scheduler';
import type { IngestRuntime } from './ingest/pipeline/ingest-runtime';
import { createItemWriter } from './items/item-writer';
import { createItemsNotifier } from './ingest/pipeline/items-notifier';
import { momentHandlers } from './moments/moment-handlers';
import { createReplayRunner } from './ingest/replay/replay-runner';
import { createIngestWorker } from './ingest/worker/ingest-worker-client';
import { createRotatingLog, type Logger } from './log/rotating-log';
import { seedDemoRoomIfEmpty, type DemoColumn } from './rooms/demo-room';
import { createRoomRepository } from './rooms/room-repository';
import { roomHandlers } from './rooms/room-handlers';
import { createRoomService } from './rooms/room-service';
import { loadMasterKey, type MasterKeyProtector } from './secrets/key-file';
import { createSecretStore } from './secrets/secret-store';
import { createSettingsStore } from './settings/settings-store';
import { sourceHandlers } from './sources/source-handlers';
import { createSourceRepository } from './sources/source-repository';
import { createSourceService } from './sources/source-service';

export interface CoreOptions {
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  /** Holds demo/<recording>.jsonl. Defaults to the repository's resources/ folder. */
  resourcesDir?: string;
  /** The built ingest worker (out/main/ingest-worker.js); from source when absent. */
  ingestWorkerUrl?: URL;
  /** The built item writer thread; defaults to item-writer.js beside `ingestWorkerUrl`. */
  itemWriterUrl?: URL;
  /** Replaces the worker thread (tests, benchmarks). */
  ingestRuntime?: IngestRuntime;
  /** Electron passes safeStorage here; serve mode keeps a 0600 key file. */
  keyProtector?: MasterKeyProtector;
  /** Create the demo war room on an empty store (the first start). */
  seedDemo?: boolean;
  /** Start polling, streams and replays (off in tests that only exercise the store). */
  startIngest?: boolean;
  now?: () => number;
  /** How often drafts past their freshness window are expired (tests shorten it). */
  draftExpiryIntervalMs?: number;
  logger?: Logger;
  echoLog?: boolean;
}

export interface Core {
  dataDir: string;
  db: Db;
  log: Logger;
  events: EventHub;
  dispatch: Dispatch;
  close(): Promise<void>;
}

const repositoryResources = fileURLToPath(new URL('../../resources', import.meta.url));

/** The app without a shell: plain Node, one SQLite file, every user action as a handler. */
export function createCore(options: CoreOptions): Core {
  const { dataDir, shell, version } = options;
  const now = options.now ?? Date.now;
  const log = options.logger ?? createRotatingLog({ dir: join(dataDir, 'logs'), echo: options.echoLog ?? false });
  let db: Db;
  try {
    db = openDatabase(dataDir);
  } catch (error) {
    log.error('Could not open the database', { dataDir, error });
    throw error;
  }
  const read = openReadDb(db);
  const events = createEventHub();
  const settings = createSettingsStore(db);
  const rooms = createRoomService({
    rooms: createRoomRepository(db),
    now,
    onChanged: (room) => events.emit('rooms.changed', { room }),
  });

  const resourcesDir = options.resourcesDir ?? repositoryResources;
  const sourceRepository = createSourceRepository(db);
  const secrets = createSecretStore(db, loadMasterKey(dataDir, options.keyProtector));
  const writer = createItemWriter(db);
  const notifier = createItemsNotifier(events);
  const emitSource = (sourceId: string) => {
    const source = sources.publicById(sourceId);
    if (source) events.emit('sources.changed', { source });
  };
  const replays = createReplayRunner({
    resourcesDir,
    sources: sourceRepository,
    writer,
    log,
    now,
    onItems: notifier.added,
    onHealth: emitSource,
    onState: (state) => events.emit('replay.changed', state),
  });
  const scheduler = createIngestScheduler({
    sources: sourceRepository,
    secrets,
    writer,
    runtime:
      options.ingestRuntime ??
      createIngestWorker({
        dataDir,
        ...(options.ingestWorkerUrl ? { workerUrl: options.ingestWorkerUrl } : {}),
        ...(options.itemWriterUrl ? { writerUrl: options.itemWriterUrl } : {}),
      }),
    log,
    now,
    onItems: notifier.added,
    onHealth: emitSource,
    replay: replays,
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

  const draftsArea = createDraftsArea({ db, rooms, events, resourcesDir, dataDir, now, log });
  const handlers: Handlers = {
    'app.info': () => ({ version, shell, dataDir }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    ...roomHandlers(rooms),
    ...sourceHandlers({ read: read.db, dataDir, now, rooms, sources, scheduler, replays }),
    ...draftsArea.handlers,
    ...columnHandlers({ db, read: read.db, rooms, now, emit: events.emit }),
    ...layoutHandlers({ db, rooms, now }),
    ...momentHandlers({ db, read: read.db, events, rooms, replays, now, log }),
    ...assetHandlers({ dataDir, rooms }),
  };

  if (options.seedDemo ?? true) {
    const addColumn = (roomId: string, column: DemoColumn) =>
      handlers['columns.create'](calls['columns.create'].input.parse({ roomId, ...column }));
    const addCue = (roomId: string, label: string, at: number) =>
      handlers['cues.add'](calls['cues.add'].input.parse({ roomId, label, at }));
    seedDemoRoomIfEmpty({ rooms, addColumn, addCue, sources, settings, resourcesDir, now, log });
  }
  if (options.startIngest ?? true) scheduler.start();
  draftsArea.expiry.start(options.draftExpiryIntervalMs ?? DRAFT_EXPIRY_INTERVAL_MS);
  log.info('Core started', { dataDir, shell, version });
  return {
    dataDir,
    db,
    log,
    events,
    dispatch: createDispatch(handlers, log),
    async close() {
      draftsArea.expiry.stop();
      await scheduler.close();
      replays.close();
      notifier.close();
      db.close();
      read.close();
      await log.close();
    },
  };
}
