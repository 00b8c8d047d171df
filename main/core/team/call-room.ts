import type { CallName } from '../../../shared/contract';
import type { Db } from '../db/open-database';

/** Calls that name a room through something in it: the table holding it and the input field with its id. */
const roomThrough: Partial<Record<CallName, { table: string; field: string }>> = {
  'rooms.get': { table: 'rooms', field: 'id' },
  'rooms.rename': { table: 'rooms', field: 'id' },
  'rooms.archive': { table: 'rooms', field: 'id' },
  'rooms.unarchive': { table: 'rooms', field: 'id' },
  'drafts.get': { table: 'drafts', field: 'id' },
  'drafts.save': { table: 'drafts', field: 'id' },
  'drafts.assign': { table: 'drafts', field: 'id' },
  'drafts.transition': { table: 'drafts', field: 'id' },
  'drafts.answer': { table: 'drafts', field: 'id' },
  'drafts.comment': { table: 'drafts', field: 'id' },
  'drafts.comments': { table: 'drafts', field: 'id' },
  'drafts.revisions': { table: 'drafts', field: 'id' },
  'outbox.preflight': { table: 'drafts', field: 'draftId' },
  'outbox.publish': { table: 'drafts', field: 'draftId' },
  'outbox.retract': { table: 'drafts', field: 'draftId' },
  'outbox.cancel': { table: 'outbox_entries', field: 'id' },
  'outbox.retry': { table: 'outbox_entries', field: 'id' },
  'outbox.confirmStale': { table: 'outbox_entries', field: 'id' },
  'outbox.confirmManual': { table: 'outbox_entries', field: 'id' },
  'outbox.confirmRetracted': { table: 'outbox_entries', field: 'id' },
  'accounts.remove': { table: 'publish_accounts', field: 'id' },
  'bank.link': { table: 'content_bank', field: 'id' },
  'bank.use': { table: 'content_bank', field: 'id' },
  'bank.offers': { table: 'moments', field: 'momentId' },
  'moments.confirm': { table: 'moments', field: 'id' },
  'moments.dismiss': { table: 'moments', field: 'id' },
  'moments.restore': { table: 'moments', field: 'id' },
  'moments.merge': { table: 'moments', field: 'id' },
  'cues.update': { table: 'cues', field: 'id' },
  'cues.remove': { table: 'cues', field: 'id' },
  'columns.update': { table: 'columns', field: 'id' },
  'columns.remove': { table: 'columns', field: 'id' },
  'columns.clear': { table: 'columns', field: 'id' },
  'itemState.set': { table: 'items', field: 'itemId' },
  'sources.update': { table: 'sources', field: 'id' },
  'sources.pause': { table: 'sources', field: 'id' },
  'sources.resume': { table: 'sources', field: 'id' },
  'sources.pollNow': { table: 'sources', field: 'id' },
  'sources.remove': { table: 'sources', field: 'id' },
  'replay.state': { table: 'sources', field: 'id' },
  'replay.control': { table: 'sources', field: 'sourceId' },
};

/**
 * The room a call is about: its `roomId`, or the room of the draft, moment, source… it
 * names. Undefined when the thing does not exist (the handler then answers not_found).
 */
export function createCallRoom(db: Db) {
  const statements = new Map<string, { get(id: string | number): { room: string } | undefined }>();
  const lookup = (table: string) => {
    let statement = statements.get(table);
    if (!statement) {
      const column = table === 'rooms' ? 'id' : 'room_id';
      statement = db.prepare<[string | number], { room: string }>(
        `SELECT ${column} AS room FROM ${table} WHERE id = ?`,
      );
      statements.set(table, statement);
    }
    return statement;
  };
  return (name: CallName, input: unknown): string | undefined => {
    if (typeof input !== 'object' || input === null) return undefined;
    const fields = input as Record<string, unknown>;
    if (typeof fields.roomId === 'string') return fields.roomId;
    const through = roomThrough[name];
    if (!through) return undefined;
    const id = fields[through.field];
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    return lookup(through.table).get(id)?.room;
  };
}
