import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calls, type AppInfo, type CallOutput } from '../../shared/contract';
import { createAppArea } from './app/app-area';
import type { AreaLifecycle, CoreContext } from './area';
import { createAssetsArea } from './assets/assets-area';
import { createBackupArea } from './backup/backup-area';
import { createAuditArea } from './audit/audit-area';
import { createBankArea } from './bank/bank-area';
import { createChecklistsArea } from './checklists/checklists-area';
import { createColumnsArea } from './columns/columns-area';
import { createDispatch, type Dispatch, type Handlers } from './contract/dispatch';
import { lockDataDir } from './db/data-dir-lock';
import { openDatabase, type Db } from './db/open-database';
import { openReadDb } from './db/read-db';
import { createDraftsArea } from './drafts/drafts-area';
import { createEventHub, type EventHub } from './events/event-hub';
import { DamagedStoreError, isDamage, latestGoodBackup, quickCheck } from './faults/damaged-store';
import { createStorageGuard } from './faults/storage-guard';
import type { IngestRuntime } from './ingest/pipeline/ingest-runtime';
import { createIngestWorker } from './ingest/worker/ingest-worker-client';
import { createItemRepository } from './items/item-repository';
import { createLayoutsArea } from './layouts/layouts-area';
import { createRotatingLog, type Logger } from './log/rotating-log';
import { createMomentsArea } from './moments/moments-area';
import { createPublisher } from './networks/publishing/create-publisher';
import type { CreatePublisher } from './networks/publishing/publisher';
import { createOutboxArea } from './outbox/outbox-area';
import type { StoredEntry } from './outbox/entry-repository';
import type { CrashPoint } from './outbox/outbox-sender';
import { createPlaybookArea } from './playbook/playbook-area';
import type { EngagementFetcher } from './report/engagement-counts';
import { createReportArea } from './report/report-area';
import { createSearchArea } from './search/search-area';
import type { ReportShell } from './report/report-shell';
import { seedDemoRoomIfEmpty, type DemoColumn } from './rooms/demo-room';
import { createRoomsArea } from './rooms/rooms-area';
import { loadMasterKey, type MasterKeyProtector } from './secrets/key-file';
import { createSecretStore } from './secrets/secret-store';
import { createSession, type Session } from './session/session';
import { createAccessArea } from './team/access-area';
import type { AccessService } from './team/access-service';
import { createCallGate } from './team/call-gate';
import { teammateAnswer, teammateFailure } from './team/teammate-view';
import { createCallRoom } from './team/call-room';
import { createSessionArea } from './team/session-area';
import { createSourcesArea } from './sources/sources-area';
import { createTeamArea } from './team/team-area';

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
  /**
   * Whether a feed address typed as a private one (LAN, this machine) is fetched. Serve mode
   * with --team turns it off unless the lead passes --allow-private-feeds. Default true.
   */
  allowPrivateFeeds?: boolean;
  /** How often a store paused by a full disk tries to write again (tests shorten it). */
  storageRetryMs?: number;
  now?: () => number;
  /** How often drafts past their freshness window are expired (tests shorten it). */
  draftExpiryIntervalMs?: number;
  logger?: Logger;
  echoLog?: boolean;
  /** The publishing clients; tests and benchmarks point them at local protocol servers. */
  createPublisher?: CreatePublisher;
  /** Start the outbox sender (tests that drive it by hand turn it off). */
  startOutbox?: boolean;
  /** Tests and the crash soak: strike a simulated crash at a step of a send. */
  outboxCrashAt?: (point: CrashPoint, entry: StoredEntry) => void;
  /** The built report worker (out/main/report-worker.js); from source when absent. */
  reportWorkerUrl?: URL;
  /** The desktop's PDF printer and folder opener; serve mode has none. */
  reportShell?: ReportShell;
  /** Asks the networks for the published posts' counts at export time (tests pass a local one). */
  engagementFetcher?: EngagementFetcher;
  /** How often automatic backups run once a folder is picked (tests shorten it). */
  backupIntervalMs?: number;
}

export interface Core {
  dataDir: string;
  db: Db;
  log: Logger;
  events: EventHub;
  /** Every call, from any shell: `session` is the caller's connection (see session/session.ts). */
  dispatch: Dispatch;
  /** Invites and team sessions, for the shell that hosts the room (main/host). */
  access: AccessService;
  /** A window or socket closed: what it held (presence) goes with it. */
  forgetSession(session: Session): void;
  /** Serve mode: where it listens, written in the data directory's lock for a second start to name. */
  announceAddress(address: string): void;
  close(): Promise<void>;
}

const repositoryResources = fileURLToPath(new URL('../../resources', import.meta.url));

/**
 * The app without a shell: plain Node, one SQLite file, every user action as a handler.
 * Each area is built from the ones before it, started once all exist, and closed in
 * reverse order before the database.
 */
export function createCore(options: CoreOptions): Core {
  const { dataDir, shell, version } = options;
  const now = options.now ?? Date.now;
  const log = options.logger ?? createRotatingLog({ dir: join(dataDir, 'logs'), echo: options.echoLog ?? false });
  // Migrations and the demo room happen once, under the lock: a second instance stops here.
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir, shell);
  let db: Db;
  try {
    db = openDatabase(dataDir);
    // A damaged store is found now, with a backup to offer, not later as failures on every call.
    const check = quickCheck(db);
    if (check !== 'ok') {
      db.close();
      throw new DamagedStoreError(dataDir, check, latestGoodBackup(dataDir));
    }
  } catch (error) {
    lock.release();
    log.error('Could not open the database', { dataDir, error });
    if (isDamage(error)) throw new DamagedStoreError(dataDir, String(error), latestGoodBackup(dataDir));
    throw error;
  }
  const read = openReadDb(db);
  const events = createEventHub();
  const resourcesDir = options.resourcesDir ?? repositoryResources;
  const ctx: CoreContext = { db, events, log, now, dataDir, resourcesDir };
  const storage = createStorageGuard({
    ...ctx,
    ...(options.storageRetryMs !== undefined ? { retryMs: options.storageRetryMs } : {}),
  });

  const app = createAppArea({ ...ctx, shell, version, storage: storage.status });
  const { rooms, ...roomsArea } = createRoomsArea(ctx);
  const audit = createAuditArea({ ...ctx, rooms });
  const { team, ...teamArea } = createTeamArea({ ...ctx, rooms, audit: audit.log });
  const session = createSessionArea({ rooms, team });
  const { access, forgetSession, ...accessArea } = createAccessArea({ ...ctx, rooms, team, audit: audit.log });
  const backups = createBackupArea({
    ...ctx,
    rooms,
    team,
    ...(options.backupIntervalMs !== undefined ? { intervalMs: options.backupIntervalMs } : {}),
  });
  const layouts = createLayoutsArea({ ...ctx, rooms, team });
  const { playbook, ...playbookArea } = createPlaybookArea({ ...ctx, rooms, team, audit: audit.log });
  const { checklists, ...checklistsArea } = createChecklistsArea({ ...ctx, rooms, team, audit: audit.log });
  const secrets = createSecretStore(db, loadMasterKey(dataDir, options.keyProtector));
  const { sources, replays, ...sourcesArea } = createSourcesArea({
    ...ctx,
    read: read.db,
    rooms,
    secrets,
    runtime:
      options.ingestRuntime ??
      createIngestWorker({
        dataDir,
        ...(options.ingestWorkerUrl ? { workerUrl: options.ingestWorkerUrl } : {}),
        ...(options.itemWriterUrl ? { writerUrl: options.itemWriterUrl } : {}),
        ...(options.allowPrivateFeeds !== undefined ? { allowTypedPrivate: options.allowPrivateFeeds } : {}),
      }),
    ingest: options.startIngest ?? true,
    storage,
  });
  const columns = createColumnsArea({ ...ctx, read: read.db, rooms });
  const moments = createMomentsArea({ ...ctx, read: read.db, rooms, replays, columnName: columns.columnName });
  const drafts = createDraftsArea({
    ...ctx,
    rooms,
    team,
    playbook,
    checklists,
    audit: audit.log,
    items: createItemRepository(read.db),
    ...(options.draftExpiryIntervalMs !== undefined ? { expiryIntervalMs: options.draftExpiryIntervalMs } : {}),
  });
  const bank = createBankArea({
    ...ctx,
    rooms,
    audit: audit.log,
    team,
    cues: moments.cues,
    startDraft: drafts.drafts.startFromBank,
  });
  const assets = createAssetsArea({ ...ctx, rooms });
  const outbox = createOutboxArea({
    ...ctx,
    rooms,
    team,
    audit: audit.log,
    drafts: drafts.publication,
    secrets,
    items: createItemRepository(read.db),
    createPublisher: options.createPublisher ?? createPublisher,
    send: options.startOutbox ?? true,
    ...(options.outboxCrashAt ? { crashAt: options.outboxCrashAt } : {}),
  });
  // Search across rooms: reads through the columns, drafts and moments areas.
  const search = createSearchArea({
    rooms,
    itemsIn: columns.searchItems,
    draftsIn: (roomId) => drafts.drafts.list(roomId),
    momentsIn: moments.momentsOf,
  });
  const report = createReportArea({
    ...ctx,
    rooms,
    team,
    ...(options.reportWorkerUrl ? { workerUrl: options.reportWorkerUrl } : {}),
    ...(options.reportShell ? { shell: options.reportShell } : {}),
    ...(options.engagementFetcher ? { engagement: options.engagementFetcher } : {}),
  });

  const areas = [
    app,
    roomsArea,
    audit,
    teamArea,
    session,
    accessArea,
    backups,
    layouts,
    playbookArea,
    checklistsArea,
    sourcesArea,
    columns,
    moments,
    drafts,
    bank,
    assets,
    outbox,
    report,
    search,
  ];
  const handlers: Handlers = {
    ...app.handlers,
    ...roomsArea.handlers,
    ...audit.handlers,
    ...teamArea.handlers,
    ...session.handlers,
    ...accessArea.handlers,
    ...backups.handlers,
    ...layouts.handlers,
    ...playbookArea.handlers,
    ...checklistsArea.handlers,
    ...sourcesArea.handlers,
    ...columns.handlers,
    ...moments.handlers,
    ...drafts.handlers,
    ...bank.handlers,
    ...assets.handlers,
    ...outbox.handlers,
    ...report.handlers,
    ...search.handlers,
  };
  const dispatch = createDispatch(
    handlers,
    log,
    createCallGate({ access, team, callRoom: createCallRoom(db) }),
    {
      answer: (name, value) => teammateAnswer(name, value as CallOutput<typeof name>),
      failure: teammateFailure,
    },
    (error, call) => (storage.fault(error, call) ? (storage.status().state === 'full' ? 'full' : 'failed') : null),
  );

  if (options.seedDemo ?? true) {
    // Riposte itself builds the demo room, through the same calls (and checks) as a person would.
    const system = createSession();
    const addColumn = (roomId: string, column: DemoColumn) =>
      handlers['columns.create'](calls['columns.create'].input.parse({ roomId, ...column }), system);
    const addCue = (roomId: string, label: string, at: number) =>
      handlers['cues.add'](calls['cues.add'].input.parse({ roomId, label, at }), system);
    seedDemoRoomIfEmpty({ rooms, addColumn, addCue, sources, settings: app.settings, resourcesDir, now, log });
  }
  const started: AreaLifecycle[] = [];
  for (const area of areas) {
    area.start?.();
    started.push(area);
  }
  log.info('Core started', { dataDir, shell, version });
  return {
    dataDir,
    db,
    log,
    events,
    dispatch,
    access,
    forgetSession,
    announceAddress: (address) => lock.setAddress(address),
    async close() {
      for (const area of started.reverse()) await area.close();
      storage.close();
      read.close();
      db.close();
      lock.release();
      await log.close();
    },
  };
}
