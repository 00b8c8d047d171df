import type { Db } from './db/open-database';
import type { EventHub } from './events/event-hub';
import type { HandlersOf } from './contract/dispatch';
import type { Logger } from './log/rotating-log';

/** What every area may use: the store, the pushed events, the log, the clock and the folders. */
export interface CoreContext {
  db: Db;
  events: EventHub;
  log: Logger;
  now: () => number;
  dataDir: string;
  /** Holds demo/<recording>.jsonl and the bundled checklist templates. */
  resourcesDir: string;
}

/** The part of an area create-core drives: started once everything is built, closed in reverse order. */
export interface AreaLifecycle {
  /** Background work (timers, streams) begins here, never while the area is being built. */
  start?(): void;
  /** Stops the area's background work; the database is still open when it runs. */
  close(): void | Promise<void>;
}

/**
 * One area of the app (rooms, drafts, moments…): the handlers of its calls
 * (shared/contract/calls/<area>.ts) and its lifecycle. Built by `createXArea(ctx)`.
 */
export interface Area<AreaCalls> extends AreaLifecycle {
  handlers: HandlersOf<AreaCalls>;
}

/** For areas with nothing running in the background. */
export const nothingToClose = (): void => {};
