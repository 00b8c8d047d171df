import { createColumnRepository } from '../../columns/column-repository';
import type { Db } from '../../db/open-database';
import type { ReadDb } from '../../db/read-db';
import { createItemRepository, newItemsPageSize } from '../../items/item-repository';
import { createSourceRepository } from '../../sources/source-repository';
import type { Logger } from '../../log/rotating-log';
import {
  createRoomDetection,
  type DetectedMoment,
  type RoomDetection,
  type RoomDetectionOptions,
} from './room-detection';
import { createColumnMembership } from './column-membership';

/**
 * Feeds each room's detection from live ingestion. New items are read once per
 * `items.added` batch (one query), placed in EVENT time, and minutes close as that time
 * passes: on every batch and on a 1 s timer.
 *
 * Event time: for live sources, an item's publishedAt and the wall clock. A replay
 * re-stamps items to the wall time its cursor reached them, compressing the event by its
 * speed (10×, 60×), so per-minute counts on that clock would be meaningless; there the
 * event time is recovered from the player's cursor: cursor − (now − publishedAt) × speed.
 * Moments are stored back on the wall clock, beside the items they describe.
 */
export interface ReplayClockReading {
  positionAt: number;
  speed: number;
  playing: boolean;
}

export interface DetectionRunnerDeps {
  /** The main connection, for the sources' kinds and the columns' definitions. */
  db: Db;
  /** Where new items are read. */
  read: ReadDb;
  now: () => number;
  log: Logger;
  /** The replay cursor of a source, or null when the source is not a playing replay. */
  replayClock: (sourceId: string) => ReplayClockReading | null;
  onDetected: (roomId: string, moments: DetectedMoment[], toWall: (eventAt: number) => number) => void;
  /** Runs once a second (cues coming due, minutes closing in quiet rooms). */
  onTick?: (now: number) => void;
  options?: Partial<RoomDetectionOptions>;
  tickMs?: number;
}

interface RoomState {
  detection: RoomDetection;
  lastId: number;
  /** The replay that sets this room's clock, if any. */
  replaySourceId: string | null;
}

export function createDetectionRunner(deps: DetectionRunnerDeps) {
  const rooms = new Map<string, RoomState>();
  const sourceKinds = new Map<string, string>();
  const items = createItemRepository(deps.read);
  const sources = createSourceRepository(deps.db);
  // Items already stored when the app started are history, not news.
  const startId = items.maxId();
  const columns = createColumnMembership(deps.read, createColumnRepository(deps.db));

  const isReplay = (sourceId: string): boolean => {
    let kind = sourceKinds.get(sourceId);
    if (kind === undefined) {
      kind = sources.kindOf(sourceId) ?? 'unknown';
      sourceKinds.set(sourceId, kind);
    }
    return kind === 'replay';
  };

  const roomOf = (roomId: string): RoomState => {
    let room = rooms.get(roomId);
    if (!room) {
      room = { detection: createRoomDetection(deps.options), lastId: startId, replaySourceId: null };
      rooms.set(roomId, room);
    }
    return room;
  };

  /** The room's clock: maps event time and wall time both ways. */
  function clockOf(room: RoomState) {
    const wallNow = deps.now();
    const replay = room.replaySourceId === null ? null : deps.replayClock(room.replaySourceId);
    if (!replay) return { eventNow: wallNow, toEvent: (wall: number) => wall, toWall: (event: number) => event };
    const speed = replay.playing ? replay.speed : 0;
    return {
      eventNow: replay.positionAt,
      toEvent: (wall: number) => replay.positionAt - Math.max(0, wallNow - wall) * speed,
      toWall: (event: number) => (speed > 0 ? Math.round(wallNow - (replay.positionAt - event) / speed) : wallNow),
    };
  }

  function advance(roomId: string, room: RoomState): void {
    const clock = clockOf(room);
    const found = room.detection.advance(clock.eventNow);
    if (found.length > 0) deps.onDetected(roomId, found, clock.toWall);
  }

  /** Reads and tokenizes one page of a room's new items; true when the room is caught up. */
  function readPage(roomId: string, newestId: number): boolean {
    const room = roomOf(roomId);
    if (newestId <= room.lastId) return true;
    const rows = items.newInRoom(roomId, room.lastId, newestId);
    const readThrough = rows.length < newItemsPageSize ? newestId : (rows.at(-1)?.id ?? newestId);
    const inColumns = columns.of(roomId, room.lastId, readThrough);
    room.detection.watchColumns(inColumns.columns);
    room.lastId = readThrough;
    for (const row of rows) if (isReplay(row.source_id)) room.replaySourceId = row.source_id;
    const clock = clockOf(room);
    const placed = rows.map((row) => ({
      row,
      at: Math.min(isReplay(row.source_id) ? clock.toEvent(row.published_at) : row.published_at, clock.eventNow),
    }));
    placed.sort((a, b) => a.at - b.at);
    for (const { row, at } of placed) room.detection.addItem(row.id, at, row.text, inColumns.byItem.get(row.id));
    // Judge only once caught up: closing a minute while its last items are still unread
    // would count them as late and drop them.
    const caughtUp = room.lastId >= newestId;
    if (caughtUp) advance(roomId, room);
    return caughtUp;
  }

  // New items are read a page per turn of the event loop: a burst of thousands of items
  // (a catch-up poll, a 60× replay) never holds the main thread for long.
  const behind = new Map<string, number>();
  let draining = false;
  const drain = () => {
    if (closed) {
      draining = false;
      return;
    }
    for (const [roomId, newestId] of behind) {
      try {
        if (readPage(roomId, newestId)) behind.delete(roomId);
      } catch (error) {
        behind.delete(roomId);
        deps.log.error('Moment detection failed', { roomId, error });
      }
    }
    if (behind.size > 0) setImmediate(drain);
    else draining = false;
  };

  let closed = false;
  const tick = () => {
    if (closed) return;
    try {
      for (const [roomId, room] of rooms) if (!behind.has(roomId)) advance(roomId, room);
      deps.onTick?.(deps.now());
    } catch (error) {
      deps.log.error('Moment detection failed', { error });
    }
  };
  let timer: ReturnType<typeof setInterval> | undefined;

  return {
    itemsAdded(roomId: string, newestId: number): void {
      if (closed) return;
      behind.set(roomId, Math.max(behind.get(roomId) ?? 0, newestId));
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    },
    tick,
    /** Starts the clock that closes minutes and checks cues; the moments area calls it once the core is built. */
    start(): void {
      if (timer !== undefined || closed) return;
      timer = setInterval(tick, deps.tickMs ?? 1000);
      timer.unref();
    },
    /** Quiet a term, a column's volume or (both null) the room's for `quietMs` of the room's event time. */
    suppress(roomId: string, what: { term: string | null; columnId: string | null }, quietMs: number): void {
      const room = roomOf(roomId);
      room.detection.suppress(what, clockOf(room).eventNow + quietMs);
    },
    close(): void {
      closed = true;
      clearInterval(timer);
    },
  };
}
export type DetectionRunner = ReturnType<typeof createDetectionRunner>;
