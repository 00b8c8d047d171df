import type { z } from 'zod';
import { keyedError } from '../errors';
import type { Db } from './open-database';

/**
 * A table holding one JSON document per room (its review rules, playbook, checklist
 * template): read and validated, or written whole. Table and column names come from the
 * owning repository, never from input.
 *
 * Reads are on every draft transition and view (an approval reads the template, the room's
 * answers, the playbook and the policy), and parsing plus validating the JSON was most of an
 * approval's time. The parsed value is kept per room with the exact text it came from: the
 * row is still read each time (cheap), so a write by anyone, through `put` or not, is seen.
 */
export function roomDocument<T>(
  db: Db,
  table: string,
  column: string,
  schema: z.ZodType<T>,
  /**
   * What a stored text that does not read (damaged, hand-edited, written by a newer Riposte)
   * reads as: a lenient value, or a coded error a person can act on. Either way `put` still
   * writes over it, so saving the document again mends the room. Without it: the error below.
   */
  unreadable: (text: string) => T = () => {
    throw keyedError(
      'unavailable',
      'errors.faults.roomDocumentUnreadable',
      'Part of this room’s settings could not be read from the store. A lead can save them again, or restore a backup.',
    );
  },
) {
  const read = db.prepare<[string], { doc: string }>(`SELECT ${column} AS doc FROM ${table} WHERE room_id = ?`);
  const write = db.prepare<[string, string, number]>(
    `INSERT INTO ${table} (room_id, ${column}, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(room_id) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
  );
  const parsed = new Map<string, { text: string; value: T }>();
  return {
    /** The stored document, frozen: it is shared between reads, so a caller changing it would throw. */
    get: (roomId: string): T | undefined => {
      const row = read.get(roomId);
      if (!row) {
        parsed.delete(roomId);
        return undefined;
      }
      const kept = parsed.get(roomId);
      if (kept?.text === row.doc) return kept.value;
      const value = deepFreeze(parsedOr(schema, row.doc, unreadable));
      parsed.set(roomId, { text: row.doc, value });
      return value;
    },
    put: (roomId: string, value: T, at: number) => write.run(roomId, JSON.stringify(value), at),
  };
}

function parsedOr<T>(schema: z.ZodType<T>, text: string, unreadable: (text: string) => T): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return unreadable(text);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : unreadable(text);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
