import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ReplayState as PublicReplayState } from '../../../../shared/contract/calls/sources';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { AppError } from '../../errors';
import type { Logger } from '../../log/rotating-log';
import type { SourceRecord, SourceRecords } from '../pipeline/source-records';
import type { ItemWriter } from '../../items/item-writer';
import { parseRecording, RecordingError, type Recording } from '../../recordings/recording';
import {
  ReplayPlayer,
  systemReplayClock,
  type ReplayClock,
  type ReplayedItem,
  type ReplayState,
} from './replay-player';

export interface ReplayRunnerDeps {
  /** Folder holding bundled recordings as demo/<name>.jsonl. */
  resourcesDir: string;
  sources: SourceRecords;
  writer: ItemWriter;
  log: Logger;
  now: () => number;
  clock?: ReplayClock;
  onItems: (roomId: string, sourceId: string, ids: number[]) => void;
  onHealth: (sourceId: string) => void;
  onState: (state: PublicReplayState) => void;
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
 * batches (at most one per 100 ms) to the same writer as live sources. The position is
 * remembered, so a restart of the app carries on where the rehearsal was.
 */
export function createReplayRunner(deps: ReplayRunnerDeps) {
  const players = new Map<string, ReplayPlayer>();
  const recordings = new Map<string, Recording>();
  const clock = deps.clock ?? systemReplayClock;

  const load = (path: string): Recording => {
    let recording = recordings.get(path);
    if (!recording) {
      recording = parseRecording(readFileSync(path, 'utf8'));
      recordings.set(path, recording);
    }
    return recording;
  };

  const fail = (source: SourceRecord, message: string) => {
    deps.sources.saveHealth(
      source.id,
      { ...source.health, state: 'error', lastError: message, lastFetchAt: deps.now(), nextPollAt: null },
      source.memory,
      0,
    );
    deps.onHealth(source.id);
  };

  const remember = (sourceId: string, state: ReplayState, newItems: number) => {
    const source = deps.sources.get(sourceId);
    if (!source) return;
    deps.sources.saveHealth(
      sourceId,
      { state: 'ok', lastFetchAt: deps.now(), nextPollAt: null, consecutiveFailures: 0, lastError: null, notices: [] },
      { ...source.memory, cursor: JSON.stringify({ positionAt: state.positionAt, status: state.status }) },
      newItems,
    );
    deps.onHealth(sourceId);
  };

  const start = (source: SourceRecord) => {
    if (source.config.kind !== 'replay') return;
    stop(source.id);
    let recording: Recording;
    try {
      recording = load(recordingPath(deps.resourcesDir, source.config.recording));
    } catch (error) {
      const detail =
        error instanceof RecordingError || error instanceof AppError ? error.message : 'the file could not be read';
      deps.log.warn('Replay could not start', { sourceId: source.id, error });
      fail(source, `This recording cannot be played: ${detail}`);
      return;
    }
    const player = new ReplayPlayer({
      recording,
      clock,
      speed: source.config.speed,
      onBatch: (items, state) => {
        const { ids } = deps.writer.writeBatch(source.roomId, source.id, items.map(toNormalized), deps.now());
        if (ids.length > 0) deps.onItems(source.roomId, source.id, ids);
        remember(source.id, state, ids.length);
      },
      onState: (state) => {
        remember(source.id, state, 0);
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
    players.get(sourceId)?.dispose();
    players.delete(sourceId);
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
