import { z } from 'zod';
import { ColumnFilters } from '../../../../shared/columns/column';
import { Approval, ChecklistOverride } from '../../../../shared/drafts/draft';
import { defaultRoomPolicy, RoomPolicy } from '../../../../shared/drafts/team';
import type { MomentKind, MomentStatus } from '../../../../shared/moments/moment';
import type { ReadableDb } from '../../db/read-db';
import { keyedError } from '../../errors';
import { createPublishedResponses, type OutboxEntry, type OutboxFreeze } from '../published-responses';
import { HealthProblem } from '../../../../shared/sources/health-problem';

/**
 * The small tables of one room the report reads whole (room, team, sources, columns,
 * moments, cues, drafts, bank, outbox). Items are never read whole: the sections count
 * them in SQL. SELECT only: the report runs on a read-only connection.
 */
export interface RoomRecord {
  id: string;
  name: string;
  startsAt: number;
  endsAt: number;
  timeZone: string;
  language: 'fr' | 'en';
}

export interface MemberRecord {
  id: string;
  name: string;
  role: string;
  removed: boolean;
}

export interface SourceRecord {
  id: string;
  label: string;
  kind: string;
  allied: boolean;
  state: string;
  lastError: string | null;
  /** Why it fails as a code, said in the report's language; null on rows from before codes. */
  problem: HealthProblem | null;
}

export interface ColumnRecord {
  id: string;
  name: string;
  query: string;
  filters: string;
}

export interface MomentRecord {
  id: string;
  kind: MomentKind;
  status: MomentStatus;
  term: string | null;
  note: string | null;
  columnId: string | null;
  onsetAt: number;
  detectedAt: number;
}

export interface DraftRecord {
  id: string;
  body: string;
  networks: string[];
  triggerKind: string;
  triggerRef: string | null;
  authorId: string;
  state: string;
  expiresAt: number;
  approvals: Approval[];
  override: ChecklistOverride | null;
  triggerAt: number;
  firstEditAt: number | null;
  submittedAt: number | null;
  approvedAt: number | null;
  publishedAt: number | null;
}

export interface RoomRecords {
  room: RoomRecord;
  policy: RoomPolicy;
  members: MemberRecord[];
  sources: SourceRecord[];
  columns: ColumnRecord[];
  moments: MomentRecord[];
  cues: Array<{ label: string; at: number }>;
  drafts: DraftRecord[];
  bank: Map<string, string>;
  outbox: OutboxEntry[];
  freezes: OutboxFreeze[];
  checklistFails: Array<{ itemId: string; count: number }>;
  audit: Array<{ key: string; count: number }>;
}

const parseJson = <T>(schema: z.ZodType<T>, text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
};

interface DraftRow {
  id: string;
  body: string;
  networks: string;
  trigger_kind: string;
  trigger_ref: string | null;
  author_id: string;
  state: string;
  expires_at: number;
  approvals: string;
  override: string | null;
  trigger_at: number;
  first_edit_at: number | null;
  submitted_at: number | null;
  approved_at: number | null;
  published_at: number | null;
}

export function readRoomRecords(db: ReadableDb, roomId: string): RoomRecords {
  const room = db
    .prepare(
      'SELECT id, name, starts_at AS startsAt, ends_at AS endsAt, time_zone AS timeZone, language FROM rooms WHERE id = ?',
    )
    .get(roomId) as RoomRecord | undefined;
  if (!room) throw keyedError('not_found', 'errors.report.roomNotFound', 'This room does not exist.');
  const policyRow = db.prepare('SELECT policy FROM room_policies WHERE room_id = ?').pluck().get(roomId) as
    string | undefined;
  const members = (
    db
      .prepare('SELECT id, name, role, removed_at AS removedAt FROM room_members WHERE room_id = ? ORDER BY created_at')
      .all(roomId) as Array<{ id: string; name: string; role: string; removedAt: number | null }>
  ).map(({ removedAt, ...member }) => ({ ...member, removed: removedAt !== null }));
  const sources = (
    db
      .prepare(
        `SELECT id, label, kind, allied, state, last_error AS lastError, health_problem AS problem
         FROM sources WHERE room_id = ? ORDER BY created_at, id`,
      )
      .all(roomId) as Array<Omit<SourceRecord, 'allied' | 'problem'> & { allied: number; problem: string | null }>
  ).map((source) => ({ ...source, allied: source.allied === 1, problem: storedProblem(source.problem) }));
  const columns = db
    .prepare('SELECT id, name, query, filters FROM columns WHERE room_id = ? ORDER BY position')
    .all(roomId) as ColumnRecord[];
  const moments = db
    .prepare(
      `SELECT id, kind, status, term, note, column_id AS columnId, onset_at AS onsetAt, detected_at AS detectedAt
       FROM moments WHERE room_id = ? ORDER BY onset_at, id`,
    )
    .all(roomId) as MomentRecord[];
  const cues = db.prepare('SELECT label, at FROM cues WHERE room_id = ? ORDER BY at').all(roomId) as Array<{
    label: string;
    at: number;
  }>;
  const drafts = (
    db.prepare('SELECT * FROM drafts WHERE room_id = ? ORDER BY trigger_at, id').all(roomId) as DraftRow[]
  ).map((row): DraftRecord => ({
    id: row.id,
    body: row.body,
    networks: parseJson(z.array(z.string()), row.networks, []),
    triggerKind: row.trigger_kind,
    triggerRef: row.trigger_ref,
    authorId: row.author_id,
    state: row.state,
    expiresAt: row.expires_at,
    approvals: parseJson(z.array(Approval), row.approvals, []),
    override: parseJson(ChecklistOverride.nullable(), row.override, null),
    triggerAt: row.trigger_at,
    firstEditAt: row.first_edit_at,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    publishedAt: row.published_at,
  }));
  const bank = new Map(
    (
      db.prepare('SELECT id, title FROM content_bank WHERE room_id = ?').all(roomId) as Array<{
        id: string;
        title: string;
      }>
    ).map((entry) => [entry.id, entry.title]),
  );
  const published = createPublishedResponses(db);
  const checklistFails = db
    .prepare(
      `SELECT a.item_id AS itemId, count(*) AS count FROM checklist_answers a JOIN drafts d ON d.id = a.draft_id
       WHERE d.room_id = ? AND a.value = 'fail' GROUP BY a.item_id`,
    )
    .all(roomId) as Array<{ itemId: string; count: number }>;
  const audit = db
    .prepare(
      'SELECT type AS key, count(*) AS count FROM audit_log WHERE room_id = ? GROUP BY type ORDER BY count DESC, type',
    )
    .all(roomId) as Array<{ key: string; count: number }>;
  return {
    room,
    policy: parseJson(RoomPolicy, policyRow ?? null, defaultRoomPolicy),
    members,
    sources,
    columns,
    moments,
    cues,
    drafts,
    bank,
    outbox: published.entries(roomId),
    freezes: published.freezes(roomId),
    checklistFails,
    audit,
  };
}

/** A column's stored filters; a row that no longer parses counts as no filter. */
export function columnFilters(json: string): ColumnFilters {
  return parseJson(ColumnFilters, json, {});
}

function storedProblem(json: string | null): HealthProblem | null {
  if (json === null) return null;
  try {
    const parsed = HealthProblem.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
