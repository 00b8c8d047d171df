import { join } from 'node:path';
import type { AppInfo } from '../../shared/contract';
import { createDispatch, type Dispatch, type Handlers } from './contract/dispatch';
import { openDatabase, type Db } from './db/open-database';
import { createEventHub, type EventHub } from './events/event-hub';
import { createRotatingLog, type Logger } from './log/rotating-log';
import { createRoomRepository } from './rooms/room-repository';
import { createRoomService } from './rooms/room-service';
import { createSettingsStore } from './settings/settings-store';

export interface CoreOptions {
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  now?: () => number;
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
  const events = createEventHub();
  const settings = createSettingsStore(db);
  const rooms = createRoomService({
    rooms: createRoomRepository(db),
    now,
    onChanged: (room) => events.emit('rooms.changed', { room }),
  });

  const handlers: Handlers = {
    'app.info': () => ({ version, shell, dataDir }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'rooms.list': rooms.list,
    'rooms.get': ({ id }) => rooms.get(id),
    'rooms.create': rooms.create,
    'rooms.rename': rooms.rename,
    'rooms.archive': rooms.archive,
    'rooms.unarchive': rooms.unarchive,
  };

  log.info('Core started', { dataDir, shell, version });
  return {
    dataDir,
    db,
    log,
    events,
    dispatch: createDispatch(handlers, log),
    async close() {
      db.close();
      await log.close();
    },
  };
}
