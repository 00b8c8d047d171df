import { settingsRead, type Source } from '../../../shared/sources/source';

/** What a source's row offers besides Remove, which every source has. */
export interface SourceActions {
  /** Pause when it runs, Resume when paused. */
  pauseOrResume: 'pause' | 'resume' | null;
  pollNow: boolean;
  replayControls: boolean;
}

/**
 * The buttons that can work on this source: a paused one offers Resume only, a replay its
 * player instead of "check now", and one whose stored settings could not be read nothing
 * but Remove (its health line says to remove it and add it again).
 */
export function sourceActions(source: Source): SourceActions {
  if (!settingsRead(source)) return { pauseOrResume: null, pollNow: false, replayControls: false };
  const running = !source.paused;
  return {
    pauseOrResume: running ? 'pause' : 'resume',
    pollNow: running && source.kind !== 'replay',
    replayControls: running && source.kind === 'replay',
  };
}
