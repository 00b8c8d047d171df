import type { Logger } from '../log/rotating-log';
import type { DraftRepository } from './draft-repository';
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
  repository: Pick<DraftRepository, 'dueForExpiry'>;
  drafts: Pick<DraftService, 'expireIfStale'>;
  now: () => number;
  log: Pick<Logger, 'error'>;
}): DraftExpiry {
  let timer: ReturnType<typeof setInterval> | undefined;

  const sweep = (): number => {
    let expired = 0;
    for (const id of deps.repository.dueForExpiry(deps.now())) {
      // One draft that cannot be judged (its room's rules or checklist do not read) never holds back the rest.
      try {
        if (deps.drafts.expireIfStale(id)) expired += 1;
      } catch (error) {
        deps.log.error('Could not expire a stale draft', { draftId: id, error });
      }
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
