import { randomUUID } from 'node:crypto';
import type { Cue, Moment } from '../../../shared/moments/moment';
import { nextCue } from '../../../shared/moments/moment';
import { AppError } from '../errors';
import type { MomentRepository } from './moment-repository';
import type { DetectedMoment } from './runner/room-detection';

export interface MomentServiceDeps {
  repository: MomentRepository;
  now: () => number;
  /** Throws not_found for an unknown room. */
  assertRoom: (roomId: string) => void;
  /** The column's name now: a column spike keeps it as its note, readable after a rename or removal. */
  columnName: (columnId: string) => string | null;
  /** Quiets a term, a column's volume, or (both null) the room's, for `quietMs`. */
  suppress: (roomId: string, what: { term: string | null; columnId: string | null }, quietMs: number) => void;
  onDetected: (roomId: string, moments: Moment[]) => void;
  onChanged: (moment: Moment) => void;
  onCuesChanged: (roomId: string) => void;
}

const maxSamples = 5;
/** A cue that came due longer ago than this (the app was closed) is not logged late. */
const cueCatchUpMs = 10 * 60_000;

export function createMomentService(deps: MomentServiceDeps) {
  const { repository: repo, now } = deps;

  const mustGet = (id: string): Moment => {
    const moment = repo.get(id);
    if (!moment)
      throw new AppError('not_found', 'This moment no longer exists.', { messageKey: 'errors.moment.notFound' });
    return moment;
  };
  const mustGetCue = (id: string): Cue => {
    const cue = repo.cue(id);
    if (!cue) throw new AppError('not_found', 'This cue no longer exists.', { messageKey: 'errors.cue.notFound' });
    return cue;
  };

  const setStatus = (id: string, status: 'confirmed' | 'dismissed', extra?: () => void): Moment => {
    mustGet(id);
    repo.setStatus(id, status, null, now());
    extra?.();
    const changed = mustGet(id);
    deps.onChanged(changed);
    return changed;
  };

  const create = (moment: Omit<Parameters<MomentRepository['insert']>[0], 'id' | 'createdAt'>): Moment => {
    const id = randomUUID();
    repo.insert({ ...moment, id, createdAt: now() });
    return mustGet(id);
  };

  return {
    list: (roomId: string, limit: number, includeDismissed: boolean): Moment[] => {
      deps.assertRoom(roomId);
      return repo.list(roomId, limit, includeDismissed);
    },
    confirm: (id: string) => setStatus(id, 'confirmed'),
    dismiss(id: string, quietMinutes: number): Moment {
      const moment = mustGet(id);
      return setStatus(id, 'dismissed', () => {
        // Teaches the detector: this term, this column (its spikes and its watch rule) or the
        // room-wide spike stays quiet for a while.
        if (moment.kind === 'spike' || moment.kind === 'emerging' || moment.kind === 'watch') {
          deps.suppress(
            moment.roomId,
            { term: moment.kind === 'emerging' ? moment.term : null, columnId: moment.columnId },
            quietMinutes * 60_000,
          );
        }
      });
    },
    /** Takes a dismissal back (undo): the moment is new again and the detector listens again. */
    restore(id: string): Moment {
      const moment = mustGet(id);
      if (moment.status !== 'dismissed') return moment;
      repo.setStatus(id, 'new', null, now());
      if (moment.kind === 'spike' || moment.kind === 'emerging' || moment.kind === 'watch') {
        deps.suppress(
          moment.roomId,
          { term: moment.kind === 'emerging' ? moment.term : null, columnId: moment.columnId },
          0,
        );
      }
      const restored = mustGet(id);
      deps.onChanged(restored);
      return restored;
    },
    merge(id: string, intoId: string): Moment {
      if (id === intoId)
        throw new AppError('invalid_input', 'Pick another moment to merge into.', {
          field: 'intoId',
          messageKey: 'errors.moment.mergeSelf',
        });
      const moment = mustGet(id);
      const into = mustGet(intoId);
      if (moment.roomId !== into.roomId) {
        throw new AppError('invalid_input', 'Moments can only be merged within one room.', {
          field: 'intoId',
          messageKey: 'errors.moment.mergeRoom',
        });
      }
      const at = now();
      const samples = [...new Set([...repo.sampleIdsOf(intoId), ...repo.sampleIdsOf(id)])].slice(0, maxSamples);
      const peakFromOther = (moment.peakCount ?? 0) > (into.peakCount ?? 0);
      repo.absorb(
        intoId,
        samples,
        moment.onsetAt,
        peakFromOther ? moment.peakAt : into.peakAt,
        peakFromOther ? moment.peakCount : into.peakCount,
        at,
      );
      repo.setStatus(id, 'merged', intoId, at);
      deps.onChanged(mustGet(id));
      const merged = mustGet(intoId);
      deps.onChanged(merged);
      return merged;
    },
    log(roomId: string, note: string): Moment {
      deps.assertRoom(roomId);
      const at = now();
      const moment = create({
        roomId,
        kind: 'manual',
        term: null,
        columnId: null,
        note,
        onsetAt: at,
        detectedAt: at,
        peakAt: null,
        peakCount: null,
        baseline: null,
        sampleIds: [],
      });
      deps.onDetected(roomId, [moment]);
      return moment;
    },
    /** Stores what the runner found and tells the room, as one group. */
    recordDetected(roomId: string, found: DetectedMoment[], toWall: (eventAt: number) => number): Moment[] {
      const moments = found.map((d) =>
        create({
          roomId,
          kind: d.kind,
          term: d.term,
          columnId: d.columnId,
          note: d.columnId === null ? null : deps.columnName(d.columnId),
          onsetAt: toWall(d.onsetAt),
          detectedAt: toWall(d.detectedAt),
          peakAt: toWall(d.peakAt),
          peakCount: d.peakCount,
          baseline: d.baseline,
          sampleIds: d.sampleIds,
        }),
      );
      if (moments.length > 0) deps.onDetected(roomId, moments);
      return moments;
    },
    /** Logs a scheduled moment for each cue that has just come due. */
    checkCues(at: number): void {
      for (const cue of repo.dueCues(at, at - cueCatchUpMs)) {
        const moment = create({
          roomId: cue.roomId,
          kind: 'scheduled',
          term: null,
          columnId: null,
          note: cue.label,
          onsetAt: cue.at,
          detectedAt: at,
          peakAt: null,
          peakCount: null,
          baseline: null,
          sampleIds: [],
        });
        repo.markCue(cue.id, moment.id);
        deps.onDetected(cue.roomId, [moment]);
        deps.onCuesChanged(cue.roomId);
      }
    },
    cues(roomId: string): Cue[] {
      deps.assertRoom(roomId);
      return repo.cues(roomId);
    },
    addCue(roomId: string, label: string, cueAt: number): Cue {
      deps.assertRoom(roomId);
      const id = randomUUID();
      repo.addCue({ id, roomId, label, at: cueAt }, now());
      deps.onCuesChanged(roomId);
      return mustGetCue(id);
    },
    updateCue(id: string, patch: { label?: string | undefined; at?: number | undefined }): Cue {
      const cue = mustGetCue(id);
      repo.updateCue(id, patch.label ?? cue.label, patch.at ?? cue.at, now());
      deps.onCuesChanged(cue.roomId);
      return mustGetCue(id);
    },
    removeCue(id: string): { id: string; roomId: string } {
      const cue = mustGetCue(id);
      repo.removeCue(id);
      deps.onCuesChanged(cue.roomId);
      return { id, roomId: cue.roomId };
    },
    nextCue(roomId: string): Cue | null {
      deps.assertRoom(roomId);
      return nextCue(repo.cues(roomId), now());
    },
  };
}
export type MomentService = ReturnType<typeof createMomentService>;
