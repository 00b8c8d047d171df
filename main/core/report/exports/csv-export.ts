import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { CsvChoices } from '../../../../shared/report/exports';
import type { ReadableDb } from '../../db/read-db';
import { keyedError } from '../../errors';
import { ensureMatchFunctions, toAst, toSqlWhere } from '../../items/query';
import { columnFilters, readRoomRecords } from '../figures/room-records';
import { momentRows, responseRows } from '../figures/team-figures';
import { safeCell } from './csv-cells';
import { roomTimeCells } from './room-time-cells';

type Row = Array<string | number | null>;

export interface CsvProgress {
  (rows: number, total: number): void;
}

/** Rows of one table, header first; items come straight off a statement, never all in memory. */
function* tableRows(db: ReadableDb, roomId: string, choices: CsvChoices, now: number): Generator<Row, void, void> {
  const records = readRoomRecords(db, roomId);
  const tz = records.room.timeZone;
  const time = roomTimeCells(tz);
  const at = (name: string) => `${name} (${tz})`;
  switch (choices.table) {
    case 'items': {
      const column = choices.columnId ? records.columns.find((c) => c.id === choices.columnId) : undefined;
      if (choices.columnId && !column) {
        throw keyedError('not_found', 'errors.report.columnNotFound', 'This column is not in this room.');
      }
      ensureMatchFunctions(db);
      const filters = column ? columnFilters(column.filters) : {};
      const where = toSqlWhere(roomId, column && column.query.trim() !== '' ? toAst(column.query) : null, filters);
      const labels = new Map(records.sources.map((s) => [s.id, s.label]));
      yield [
        'id',
        at('published_at'),
        'source',
        'author_handle',
        'author_name',
        'language',
        'text',
        'url',
        'likes',
        'reposts',
        'replies',
        'engagement',
        'duplicate_of',
      ];
      const statement = db
        .prepare(
          `SELECT i.id, i.published_at, i.source_id, i.author_handle, i.author_name, i.language, i.text, i.url, i.likes,
           i.reposts, i.replies, i.engagement, i.duplicate_of
         FROM items i WHERE ${where.sql} ORDER BY i.published_at, i.id`,
        )
        .raw(true);
      for (const raw of statement.iterate(...where.params) as Iterable<Row>) {
        raw[1] = time(raw[1] as number);
        raw[2] = labels.get(String(raw[2])) ?? String(raw[2]);
        yield raw;
      }
      return;
    }
    case 'moments':
      yield [
        'id',
        'kind',
        'status',
        'term',
        'note',
        'column',
        at('onset'),
        at('detected'),
        'detection_delay_s',
        'drafts',
        'outcome',
        at('first_published'),
      ];
      for (const m of momentRows(records, now))
        yield [
          m.id,
          m.kind,
          m.status,
          m.term,
          m.note,
          m.columnName,
          time(m.onsetAt),
          time(m.detectedAt),
          m.detectionDelayMs === null ? null : m.detectionDelayMs / 1000,
          m.drafts,
          m.decision,
          time(m.publishedAt),
        ];
      return;
    case 'drafts': {
      const seconds = (from: number, to: number | null) => (to === null ? null : (to - from) / 1000);
      yield [
        'id',
        'state',
        'trigger_kind',
        'moment_id',
        'author',
        'networks',
        'body',
        at('trigger'),
        at('first_edit'),
        at('submitted'),
        at('approved'),
        at('published'),
        'to_first_edit_s',
        'to_submitted_s',
        'to_approved_s',
        'to_published_s',
        'inside_freshness',
        'approvers',
        'override_reason',
      ];
      const bodies = new Map(records.drafts.map((d) => [d.id, d.body]));
      for (const r of responseRows(records))
        yield [
          r.id,
          r.state,
          r.triggerKind,
          r.momentId,
          r.author,
          r.networks.join(' '),
          bodies.get(r.id) ?? '',
          time(r.triggerAt),
          time(r.firstEditAt),
          time(r.submittedAt),
          time(r.approvedAt),
          time(r.publishedAt),
          seconds(r.triggerAt, r.firstEditAt),
          seconds(r.triggerAt, r.submittedAt),
          seconds(r.triggerAt, r.approvedAt),
          seconds(r.triggerAt, r.publishedAt),
          r.insideFreshness === null ? null : r.insideFreshness ? 'yes' : 'no',
          r.approvers.map((a) => `${a.name} (${a.slot})`).join('; '),
          r.override?.reason ?? null,
        ];
      return;
    }
    case 'outbox':
      yield [
        'id',
        'draft_id',
        'network',
        'channel',
        'state',
        'remote_id',
        'remote_url',
        at('published'),
        'failure_reason',
        at('created'),
        'created_by',
      ];
      for (const e of records.outbox)
        yield [
          e.id,
          e.draftId,
          e.network,
          e.channelLabel,
          e.state,
          e.remoteId,
          e.remoteUrl,
          time(e.publishedAt),
          e.failureReason,
          time(e.createdAt),
          e.createdBy,
        ];
      return;
    case 'audit': {
      yield ['id', at('at'), 'type', 'done_by', 'role', 'draft_id', 'from', 'to', 'message'];
      const statement = db
        .prepare(
          `SELECT id, at, type, actor_name, actor_role, draft_id, from_state, to_state, message
           FROM audit_log WHERE room_id = ? ORDER BY id`,
        )
        .raw(true);
      for (const raw of statement.iterate(roomId) as Iterable<Row>) {
        raw[1] = time(raw[1] as number);
        yield raw;
      }
      return;
    }
  }
}

function rowCount(db: ReadableDb, roomId: string, table: CsvChoices['table']): number {
  const count = (sql: string) => (db.prepare(sql).pluck().get(roomId) as number | null) ?? 0;
  if (table === 'items') return count('SELECT coalesce(sum(count), 0) FROM item_minute_counts WHERE room_id = ?');
  if (table === 'audit') return count('SELECT count(*) FROM audit_log WHERE room_id = ?');
  return 0;
}

/**
 * Streams a table to `file` as UTF-8 CSV (csv-stringify), every cell through safeCell;
 * ';' files start with a byte-order mark. Writes wait on the file stream's drain, so memory
 * stays flat whatever the room's size. Resolves with the rows written (header excluded).
 */
export async function writeCsv(
  db: ReadableDb,
  roomId: string,
  choices: CsvChoices,
  file: string,
  now: number,
  onProgress: CsvProgress = () => {},
): Promise<number> {
  const total = rowCount(db, roomId, choices.table);
  const out = createWriteStream(file);
  const csv = stringify({ delimiter: choices.delimiter, bom: choices.delimiter === ';', record_delimiter: '\r\n' });
  csv.pipe(out);
  const finished = once(out, 'finish');
  let rows = -1;
  for (const row of tableRows(db, roomId, choices, now)) {
    rows += 1;
    if (!csv.write(row.map(safeCell))) await once(csv, 'drain');
    if (rows % 20_000 === 0 && rows > 0) onProgress(rows, Math.max(total, rows));
  }
  csv.end();
  await finished;
  onProgress(Math.max(rows, 0), Math.max(rows, 0));
  return Math.max(rows, 0);
}
