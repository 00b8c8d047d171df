import type { Cue, Moment, MomentKind, MomentSample, MomentStatus } from '../../../shared/moments/moment';
import type { Db } from '../db/open-database';
import type { ItemRepository } from '../items/item-repository';

interface MomentRow {
  id: string;
  room_id: string;
  kind: MomentKind;
  term: string | null;
  column_id: string | null;
  note: string | null;
  onset_at: number;
  detected_at: number;
  peak_at: number | null;
  peak_count: number | null;
  baseline: number | null;
  sample_ids: string;
  status: MomentStatus;
  merged_into: string | null;
  created_at: number;
  updated_at: number;
}

interface CueRow {
  id: string;
  room_id: string;
  label: string;
  at: number;
  moment_id: string | null;
}

export type NewMoment = Omit<Moment, 'samples' | 'status' | 'mergedInto' | 'updatedAt'> & { sampleIds: number[] };

const toCue = (row: CueRow): Cue => ({
  id: row.id,
  roomId: row.room_id,
  label: row.label,
  at: row.at,
  momentId: row.moment_id,
});

/** Moments and cues as stored; the SQL is prepared once. The items a moment quotes come from `items`. */
/** A moment's sample posts; a damaged value reads as none rather than failing the moment's view. */
function sampleIdsIn(json: string): number[] {
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
}

export function createMomentRepository(db: Db, items: Pick<ItemRepository, 'samples'>) {
  const insert = db.prepare(
    `INSERT INTO moments (id, room_id, kind, term, column_id, note, onset_at, detected_at, peak_at, peak_count, baseline,
       sample_ids, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], MomentRow>('SELECT * FROM moments WHERE id = ?');
  const ofRoom = db.prepare<[string, number, number], MomentRow>(
    `SELECT * FROM moments WHERE room_id = ? AND (? = 1 OR status NOT IN ('dismissed', 'merged'))
     ORDER BY detected_at DESC, created_at DESC LIMIT ?`,
  );
  const setStatus = db.prepare<[MomentStatus, string | null, number, string]>(
    'UPDATE moments SET status = ?, merged_into = ?, updated_at = ? WHERE id = ?',
  );
  const setSamples = db.prepare<[string, number, number | null, number | null, number, string]>(
    `UPDATE moments SET sample_ids = ?, onset_at = min(onset_at, ?), peak_at = ?, peak_count = ?, updated_at = ? WHERE id = ?`,
  );
  const cuesOfRoom = db.prepare<[string], CueRow>('SELECT * FROM cues WHERE room_id = ? ORDER BY at, id');
  const cueById = db.prepare<[string], CueRow>('SELECT * FROM cues WHERE id = ?');
  const insertCue = db.prepare<[string, string, string, number, number, number]>(
    'INSERT INTO cues (id, room_id, label, at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updateCue = db.prepare<[string, number, number, number, string]>(
    // A cue given a new time may come due again (SET reads the old `at`).
    'UPDATE cues SET label = ?, moment_id = CASE WHEN at = ? THEN moment_id ELSE NULL END, at = ?, updated_at = ? WHERE id = ?',
  );
  const deleteCue = db.prepare<[string]>('DELETE FROM cues WHERE id = ?');
  const dueCues = db.prepare<[number, number], CueRow>(
    'SELECT * FROM cues WHERE moment_id IS NULL AND at <= ? AND at > ? ORDER BY at LIMIT 50',
  );
  const markCue = db.prepare<[string, string]>('UPDATE cues SET moment_id = ? WHERE id = ?');
  const cuesLogged = db.prepare<[string], { id: string }>('SELECT id FROM cues WHERE moment_id = ? LIMIT 20');

  const toMoment = (row: MomentRow): Moment => ({
    id: row.id,
    roomId: row.room_id,
    kind: row.kind,
    term: row.term,
    columnId: row.column_id,
    note: row.note,
    onsetAt: row.onset_at,
    detectedAt: row.detected_at,
    peakAt: row.peak_at,
    peakCount: row.peak_count,
    baseline: row.baseline,
    samples: items.samples(row.sample_ids).map((s): MomentSample => ({
      id: s.id,
      text: s.text,
      authorHandle: s.author_handle,
      publishedAt: s.published_at,
    })),
    status: row.status,
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  return {
    get(id: string): Moment | null {
      const row = byId.get(id);
      return row ? toMoment(row) : null;
    },
    sampleIdsOf(id: string): number[] {
      const row = byId.get(id);
      return row ? sampleIdsIn(row.sample_ids) : [];
    },
    list(roomId: string, limit: number, includeDismissed: boolean): Moment[] {
      return ofRoom.all(roomId, includeDismissed ? 1 : 0, limit).map(toMoment);
    },
    insert(moment: NewMoment): void {
      insert.run(
        moment.id,
        moment.roomId,
        moment.kind,
        moment.term,
        moment.columnId,
        moment.note,
        moment.onsetAt,
        moment.detectedAt,
        moment.peakAt,
        moment.peakCount,
        moment.baseline,
        JSON.stringify(moment.sampleIds),
        moment.createdAt,
        moment.createdAt,
      );
    },
    setStatus(id: string, status: MomentStatus, mergedInto: string | null, at: number): void {
      setStatus.run(status, mergedInto, at, id);
    },
    absorb(
      id: string,
      sampleIds: number[],
      onsetAt: number,
      peakAt: number | null,
      peakCount: number | null,
      at: number,
    ): void {
      setSamples.run(JSON.stringify(sampleIds), onsetAt, peakAt, peakCount, at, id);
    },
    cues: (roomId: string): Cue[] => cuesOfRoom.all(roomId).map(toCue),
    cue(id: string): Cue | null {
      const row = cueById.get(id);
      return row ? toCue(row) : null;
    },
    addCue(cue: Omit<Cue, 'momentId'>, at: number): void {
      insertCue.run(cue.id, cue.roomId, cue.label, cue.at, at, at);
    },
    updateCue(id: string, label: string, cueAt: number, at: number): void {
      updateCue.run(label, cueAt, cueAt, at, id);
    },
    removeCue(id: string): void {
      deleteCue.run(id);
    },
    /** Cues that came due in (since, until], not yet logged as moments. */
    dueCues: (until: number, since: number): Cue[] => dueCues.all(until, since).map(toCue),
    markCue(id: string, momentId: string): void {
      markCue.run(momentId, id);
    },
    /** The cues a scheduled moment was logged from (what the bank offers texts for). */
    cuesOfMoment: (momentId: string): string[] => cuesLogged.all(momentId).map((row) => row.id),
  };
}
export type MomentRepository = ReturnType<typeof createMomentRepository>;
