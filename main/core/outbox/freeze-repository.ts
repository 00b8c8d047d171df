import type { Db } from '../db/open-database';

export interface StoredFreeze {
  frozenAt: number;
  frozenBy: string;
  reason: string;
}

/** The room's "stop all publishing" switch, kept as a history of freezes. */
export function createFreezeRepository(db: Db) {
  const current = db.prepare<[string], { frozen_at: number; frozen_by: string; reason: string }>(
    'SELECT frozen_at, frozen_by, reason FROM outbox_freezes WHERE room_id = ? AND unfrozen_at IS NULL LIMIT 1',
  );
  const insert = db.prepare<[string, number, string, string]>(
    'INSERT INTO outbox_freezes (room_id, frozen_at, frozen_by, reason) VALUES (?, ?, ?, ?)',
  );
  const lift = db.prepare<[number, string, string]>(
    'UPDATE outbox_freezes SET unfrozen_at = ?, unfrozen_by = ? WHERE room_id = ? AND unfrozen_at IS NULL',
  );
  return {
    current(roomId: string): StoredFreeze | null {
      const row = current.get(roomId);
      return row ? { frozenAt: row.frozen_at, frozenBy: row.frozen_by, reason: row.reason } : null;
    },
    freeze: (roomId: string, at: number, by: string, reason: string): void => void insert.run(roomId, at, by, reason),
    unfreeze: (roomId: string, at: number, by: string): boolean => lift.run(at, by, roomId).changes > 0,
  };
}
export type FreezeRepository = ReturnType<typeof createFreezeRepository>;
