import type { Db } from './open-database';

/**
 * Runs `work` (one transaction) with `synchronous = FULL`: its commit reaches the disk
 * before it returns, so a power cut right after cannot undo it. The store otherwise runs
 * WAL with `synchronous = NORMAL`, which survives every crash of the app but may lose the last
 * commits on power loss: fine for items a feed sends again, not for an approval or a
 * publish record. The pragma cannot change inside a transaction, hence around it.
 */
export function durably<T>(db: Db, work: () => T): T {
  if (db.inTransaction) return work();
  db.pragma('synchronous = FULL');
  try {
    return work();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
