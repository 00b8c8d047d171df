import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ReplayState as PublicReplayState } from '../../../../shared/contract/calls/sources';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { AppError } from '../../errors';
import type { Logger } from '../../log/rotating-log';
import type { SourceRecord, SourceRecords } from '../pipeline/source-records';
import type { ItemWriter } from '../../items/item-writer';
import type { WriteFaults } from '../pipeline/write-queue';
import { parseRecording, RecordingError, type Recording } from '../../recordings/recording';
import {
  ReplayPlayer,
  systemReplayClock,
  type ReplayClock,
  type ReplayedItem,
  type ReplayState,
} from './replay-player';
import { createSlicedWriter, type SlicedWrite } from './sliced-writes';
import { said, type SaidProblem } from '../../../../shared/sources/health-problem';

/** How often a playing replay's position is saved (and its health line pushed). */
export const progressEveryMs = 1000;

export interface ReplayRunnerDeps {
  /** Folder holding bundled recordings as demo/<name>.jsonl. */
  resourcesDir: string;
  sources: SourceRecords;
  writer: ItemWriter;
  /** The writer thread, when there is one: batches are stored there, off the main event loop. */
  store?: ((roomId: string, sourceId: string, items: NormalizedItem[]) => Promise<number[]>) | null | undefined;
  /** With a writer thread: runs a main-thread write between two of its transactions (write-turns.ts). */
  writeTurn?: (<T>(write: () => T) => Promise<T>) | undefined;
  log: Logger;
  now: () => number;
  clock?: ReplayClock;
  onItems: (roomId: string, sourceId: string, ids: number[]) => void;
  onHealth: (sourceId: string) => void;
  onState: (state: PublicReplayState) => void;
  /** A full disk pauses the replays until writes work again (faults/storage-guard.ts). */
  storage?: WriteFaults;
}

/** "demo-final" names a bundled recording; anything else must be a recording file's path. */
export function recordingPath(resourcesDir: string, recording: string): string {
  if (/^[\w-]+$/.test(recording)) return join(resourcesDir, 'demo', `${recording}.jsonl`);
  if (!isAbsolute(recording) || !recording.endsWith('.jsonl')) {
    throw new AppError(
      'invalid_input',
      'A recording is a bundled name (like demo-final) or the full path of a .jsonl file.',
      {
        field: 'config.recording',
        messageKey: 'errors.source.recordingInvalid',
      },
    );
  }
  return recording;
}

const toNormalized = ({
  source: _source,
  originalPublishedAt: _at,
  originalExtId: _id,
  ...item
}: ReplayedItem): NormalizedItem => item;

const publicState = (sourceId: string, state: ReplayState): PublicReplayState => ({
  sourceId,
  status: state.status,
  speed: state.speed,
  positionAt: state.positionAt,
  startsAt: state.startsAt,
  endsAt: state.endsAt,
  progress: state.progress,
  playedCount: state.playedCount,
  totalCount: state.totalCount,
});

/**
 * Plays replay sources on the main thread: a recording is parsed once, then items flow in
 * batches (at most one per 100 ms) to the same writer as live sources, each batch stored in
 * small slices (sliced-writes.ts) so the event loop keeps turning. The position is
 * remembered, so a restart of the app carries on where the rehearsal was.
 */
export function createReplayRunner(deps: ReplayRunnerDeps) {
  const players = new Map<string, ReplayPlayer>();
  const recordings = new Map<string, Recording>();
  const clock = deps.clock ?? systemReplayClock;
  const writes = createSlicedWriter({
    writer: deps.writer,
    now: deps.now,
    onError: (error, rest) => {
      if (deps.storage?.fault(error, `replay ${rest.sourceId}`)) hold(rest);
      else deps.log.error('Replay items could not be stored', { sourceId: rest.sourceId, error });
    },
  });
  let closed = false;

  /**
   * In the writer thread when there is one (its queue keeps batches in order); on main, in
   * slices, when there is none or it is restarting. `live` is false once the replay stopped:
   * what was stored for it then is not remembered (a later start plays it again, deduped).
   */
  const storeBatch = (write: SlicedWrite, live: () => boolean) => {
    const done = (ids: number[]) => {
      if (live()) write.done(ids);
    };
    if (!deps.store) {
      writes.write({ ...write, done });
      return;
    }
    deps.store(write.roomId, write.sourceId, [...write.items]).then(done, (error: unknown) => {
      if (!live()) return;
      deps.log.warn('Replay batch stored on the main thread instead', { sourceId: write.sourceId, error });
      writes.write({ ...write, done });
    });
  };

  const load = (path: string): Recording => {
    let recording = recordings.get(path);
    if (!recording) {
      recording = parseRecording(readFileSync(path, 'utf8'));
      recordings.set(path, recording);
    }
    return recording;
  };

  /** Writes run in the players' timers: an error there must become a state, never end the host. */
  const guarded = (where: string, write: () => void): boolean => {
    try {
      write();
      return true;
    } catch (error) {
      if (!deps.storage?.fault(error, where)) deps.log.error('A replay write failed', { where, error });
      return false;
    }
  };

  // Batches played while the disk was full, per source, written in order once it can be again.
  const heldBatches = new Map<string, SlicedWrite[]>();
  function hold(write: SlicedWrite) {
    const held = heldBatches.get(write.sourceId);
    if (held) {
      held.push(write);
      return;
    }
    heldBatches.set(write.sourceId, [write]);
    // Nothing played is dropped: the player stops until the disk has room.
    players.get(write.sourceId)?.pause();
  }
  const stopWaiting = deps.storage?.onResumed(() => {
    for (const [sourceId, batches] of [...heldBatches]) {
      heldBatches.delete(sourceId);
      for (const batch of batches) writes.write(batch);
      players.get(sourceId)?.resume();
    }
  });

  const fail = (source: SourceRecord, why: SaidProblem) => {
    deps.sources.saveHealth(
      source.id,
      {
        ...source.health,
        state: 'error',
        lastError: why.message,
        problem: why.problem,
        lastFetchAt: deps.now(),
        nextPollAt: null,
      },
      source.memory,
      0,
    );
    deps.onHealth(source.id);
  };

  const saveProgress = (sourceId: string, state: ReplayState, newItems: number) => {
    const source = deps.sources.get(sourceId);
    if (!source) return false;
    deps.sources.saveHealth(
      sourceId,
      {
        state: 'ok',
        lastFetchAt: deps.now(),
        nextPollAt: null,
        consecutiveFailures: 0,
        lastError: null,
        problem: null,
        notices: [],
      },
      { ...source.memory, cursor: JSON.stringify({ positionAt: state.positionAt, status: state.status }) },
      newItems,
    );
    return true;
  };
  /** Items stored since the position was last saved, and when that was, per source. */
  const unsaved = new Map<string, { newItems: number; savedAt: number }>();

  /** The position reached, written between the writer thread's transactions when it is storing the items. */
  const remember = (sourceId: string, state: ReplayState, newItems: number) => {
    const total = newItems + (unsaved.get(sourceId)?.newItems ?? 0);
    unsaved.set(sourceId, { newItems: 0, savedAt: deps.now() });
    if (!deps.writeTurn) {
      if (saveProgress(sourceId, state, total)) deps.onHealth(sourceId);
      return;
    }
    deps
      .writeTurn(() => saveProgress(sourceId, state, total))
      .then(
        (saved) => {
          if (saved && !closed) deps.onHealth(sourceId);
        },
        (error: unknown) => {
          // Closing: the writer thread is gone; the position saved before holds.
          if (!closed) deps.log.warn('Replay position not saved', { sourceId, error });
        },
      );
  };

  /**
   * A batch's position: batches come ten a second, so it is saved (and the health line pushed
   * to every window and teammate) at most once per `progressEveryMs`; a pause, a seek or the
   * end saves at once (onState). A crash meanwhile replays under a second again, deduped.
   */
  const rememberBatch = (sourceId: string, state: ReplayState, newItems: number) => {
    const entry = unsaved.get(sourceId);
    if (entry && deps.now() - entry.savedAt < progressEveryMs) {
      entry.newItems += newItems;
      return;
    }
    remember(sourceId, state, newItems);
  };

  const start = (source: SourceRecord) => {
    const { config } = source;
    // Null: the stored settings could not be read, so there is nothing to play.
    if (config?.kind !== 'replay') return;
    stop(source.id);
    let recording: Recording;
    try {
      recording = load(recordingPath(deps.resourcesDir, config.recording));
    } catch (error) {
      const detail =
        error instanceof RecordingError || error instanceof AppError ? error.message : 'the file could not be read';
      deps.log.warn('Replay could not start', { sourceId: source.id, error });
      fail(source, said('replayUnplayable', { detail }));
      return;
    }
    const player = new ReplayPlayer({
      recording,
      clock,
      speed: config.speed,
      onBatch: (items, state) => {
        const batch: SlicedWrite = {
          roomId: source.roomId,
          sourceId: source.id,
          items: items.map(toNormalized),
          done: (ids) => {
            if (ids.length > 0) deps.onItems(source.roomId, source.id, ids);
            // The position this batch reached, with the status of now (a pause may have come meanwhile).
            rememberBatch(source.id, { ...state, status: player.state().status }, ids.length);
          },
        };
        if (heldBatches.has(source.id)) hold(batch);
        else storeBatch(batch, () => !closed && players.get(source.id) === player);
      },
      onState: (state) => {
        guarded(`replay ${source.id}`, () => remember(source.id, state, 0));
        deps.onState(publicState(source.id, state));
      },
    });
    players.set(source.id, player);
    const saved = parseSavedPosition(source.memory.cursor);
    if (saved) player.seek(saved.positionAt);
    player.play();
    if (saved?.status === 'paused') player.pause();
  };

  const stop = (sourceId: string) => {
    writes.cancel(sourceId);
    players.get(sourceId)?.dispose();
    players.delete(sourceId);
    heldBatches.delete(sourceId);
  };

  const mustGet = (sourceId: string): ReplayPlayer => {
    const player = players.get(sourceId);
    if (!player) {
      throw new AppError('not_found', 'This replay is not playing: resume the source first.', {
        messageKey: 'errors.replay.notPlaying',
      });
    }
    return player;
  };

  return {
    start,
    stop,
    state: (sourceId: string) => publicState(sourceId, mustGet(sourceId).state()),
    control(sourceId: string, action: 'pause' | 'resume' | 'restart' | { speed: 1 | 10 | 60 }) {
      const player = mustGet(sourceId);
      if (action === 'pause') player.pause();
      else if (action === 'resume') player.resume();
      else if (action === 'restart') player.restart();
      else player.setSpeed(action.speed);
      return publicState(sourceId, player.state());
    },
    close() {
      closed = true;
      stopWaiting?.();
      for (const sourceId of [...players.keys()]) stop(sourceId);
    },
  };
}
export type ReplayRunner = ReturnType<typeof createReplayRunner>;

function parseSavedPosition(cursor: string | null): { positionAt: number; status: string } | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(cursor) as { positionAt?: unknown; status?: unknown };
    return typeof value.positionAt === 'number' ? { positionAt: value.positionAt, status: String(value.status) } : null;
  } catch {
    return null;
  }
}
