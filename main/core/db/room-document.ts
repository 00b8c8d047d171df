import type { z } from 'zod';
import type { Db } from './open-database';

/**
 * A table holding one JSON document per room (its review rules, playbook, checklist
 * template): read and validated, or written whole. Table and column names come from the
 * owning repository, never from input.
 */
export function roomDocument<T>(db: Db, table: string, column: string, schema: z.ZodType<T>) {
  const read = db.prepare<[string], { doc: string }>(`SELECT ${column} AS doc FROM ${table} WHERE room_id = ?`);
  const write = db.prepare<[string, string, number]>(
    `INSERT INTO ${table} (room_id, ${column}, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(room_id) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
  );
  return {
    get: (roomId: string): T | undefined => {
      const row = read.get(roomId);
      return row ? schema.parse(JSON.parse(row.doc)) : undefined;
    },
    put: (roomId: string, value: T, at: number) => write.run(roomId, JSON.stringify(value), at),
  };
}
