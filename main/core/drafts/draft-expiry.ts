import type { Db } from '../db/open-database';
import type { Logger } from '../log/rotating-log';
import type { DraftService } from './draft-service';

/** Often enough that a card turns from red to expired within a glance; cheap enough to forget. */
export const DRAFT_EXPIRY_INTERVAL_MS = 15_000;

export interface DraftExpiry {
  /** Expires every draft whose window has closed; returns how many it expired. */
  sweep(): number;
  /** Sweeps every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  stop(): void;
}

/**
 * The freshness window closes by itself: one timer per core finds drafts still being
 * written or reviewed past their window and expires them as the system. Approved drafts are
 * left alone (someone signed them off; publishing them late is refused by the lifecycle).
 */
export function createDraftExpiry(deps: {
  db: Db;
  drafts: Pick<DraftService, 'expireIfStale'>;
  now: () => number;
  log: Pick<Logger, 'error'>;
}): DraftExpiry {
  // Joined from rooms so the (room_id, state, expires_at) index answers it without a scan.
  const due = deps.db.prepare<[number], { id: string }>(
    `SELECT d.id FROM rooms r JOIN drafts d ON d.room_id = r.id
     WHERE d.state IN ('draft', 'in_review', 'changes_requested') AND d.expires_at <= ?
     LIMIT 500`,
  );
  let timer: ReturnType<typeof setInterval> | undefined;

  const sweep = (): number => {
    let expired = 0;
    for (const { id } of due.all(deps.now())) {
      if (deps.drafts.expireIfStale(id)) expired += 1;
    }
    return expired;
  };

  return {
    sweep,
    start(intervalMs: number) {
      if (timer !== undefined) clearInterval(timer);
      timer = setInterval(() => {
        try {
          sweep();
        } catch (error) {
          deps.log.error('Could not expire stale drafts', { error });
        }
      }, intervalMs);
      // Never the reason a process stays alive.
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
