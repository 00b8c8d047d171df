import { z } from 'zod';
import {
  HealthNotice,
  SourceConfig,
  type Source,
  type SourceHealth,
  type SourceState,
} from '../../../shared/sources/source';
import type { SourceKind } from '../../../shared/domain/item';
import type { Db } from '../db/open-database';
import { HealthProblem, said } from '../../../shared/sources/health-problem';

interface SourceRow {
  id: string;
  room_id: string;
  kind: SourceKind;
  label: string;
  config: string;
  paused: number;
  allied: number;
  created_at: number;
  updated_at: number;
  state: SourceState;
  last_fetch_at: number | null;
  next_poll_at: number | null;
  items_taken: number;
  consecutive_failures: number;
  last_error: string | null;
  health_notices: string | null;
  health_problem: string | null;
  etag: string | null;
  last_modified: string | null;
  cursor: string | null;
}

/** What a poller remembers between polls: HTTP validators and its cursor. */
export interface PollerMemory {
  etag: string | null;
  lastModified: string | null;
  cursor: string | null;
}

export type StoredSource = Omit<Source, 'credentialSet'> & { memory: PollerMemory };

const StoredNotices = z.array(HealthNotice).catch([]);

/** A stored problem that no longer reads (a code since removed) shows the stored sentence instead. */
function problemOf(json: string | null): HealthProblem | null {
  if (json === null) return null;
  try {
    const problem = HealthProblem.safeParse(JSON.parse(json));
    return problem.success ? problem.data : null;
  } catch {
    return null;
  }
}

function noticesOf(json: string | null): HealthNotice[] {
  if (json === null) return [];
  try {
    return StoredNotices.parse(JSON.parse(json));
  } catch {
    return [];
  }
}

/**
 * The stored settings, or null when this version cannot read them (damaged or hand-edited
 * JSON, a setting only a newer Riposte knows, a kind that disagrees with the row's): one such
 * row must never make the room's list or the app's start fail, so it is shown, not thrown.
 */
function configOf(row: SourceRow): SourceConfig | null {
  try {
    const config = SourceConfig.safeParse(JSON.parse(row.config));
    return config.success && config.data.kind === row.kind ? config.data : null;
  } catch {
    return null;
  }
}

const unreadable = said('settingsUnreadable');

function toSource(row: SourceRow): StoredSource {
  const config = configOf(row);
  const health: SourceHealth = {
    state: row.state,
    lastFetchAt: row.last_fetch_at,
    nextPollAt: row.next_poll_at,
    itemsTaken: row.items_taken,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    problem: problemOf(row.health_problem),
    notices: noticesOf(row.health_notices),
  };
  return {
    id: row.id,
    roomId: row.room_id,
    kind: row.kind,
    label: row.label,
    config,
    paused: row.paused === 1,
    allied: row.allied === 1,
    createdAt: row.created_at,
    // Said whenever the row is read, never stored: the raw settings stay as they were.
    health:
      config === null
        ? { ...health, state: 'error', nextPollAt: null, lastError: unreadable.message, problem: unreadable.problem }
        : health,
    memory: { etag: row.etag, lastModified: row.last_modified, cursor: row.cursor },
  };
}

export function createSourceRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sources (id, room_id, kind, label, config, paused, allied, created_at, updated_at, state)
     VALUES (@id, @roomId, @kind, @label, @config, 0, @allied, @now, @now, 'idle')`,
  );
  const byId = db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE id = ?');
  const kindById = db.prepare<[string], { kind: SourceKind }>('SELECT kind FROM sources WHERE id = ?');
  const firstPage = db.prepare<[string, number], SourceRow>(
    'SELECT * FROM sources WHERE room_id = ? ORDER BY created_at, id LIMIT ?',
  );
  // Keyset paging: the sources after the one named, in the same order, whatever was added since.
  const pageAfter = db.prepare<{ roomId: string; createdAt: number; id: string; limit: number }, SourceRow>(
    `SELECT * FROM sources WHERE room_id = @roomId AND (created_at, id) > (@createdAt, @id)
     ORDER BY created_at, id LIMIT @limit`,
  );
  const active = db.prepare<[], SourceRow>(
    `SELECT s.* FROM sources s JOIN rooms r ON r.id = s.room_id
     WHERE s.paused = 0 AND r.archived_at IS NULL LIMIT 5000`,
  );
  const update = db.prepare(
    `UPDATE sources SET label = @label, config = @config, allied = @allied, updated_at = @now,
       etag = CASE WHEN @resetMemory THEN NULL ELSE etag END,
       last_modified = CASE WHEN @resetMemory THEN NULL ELSE last_modified END,
       cursor = CASE WHEN @resetMemory THEN NULL ELSE cursor END
     WHERE id = @id`,
  );
  const setPaused = db.prepare<[number, string, number, string]>(
    'UPDATE sources SET paused = ?, state = ?, updated_at = ? WHERE id = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM sources WHERE id = ?');
  const saveHealth = db.prepare(
    `UPDATE sources SET state = @state, last_fetch_at = @lastFetchAt, next_poll_at = @nextPollAt,
       consecutive_failures = @consecutiveFailures, last_error = @lastError, health_notices = @notices,
       health_problem = @problem,
       items_taken = items_taken + @newItems,
       etag = @etag, last_modified = @lastModified, cursor = @cursor
     WHERE id = @id`,
  );

  return {
    insert(source: {
      id: string;
      roomId: string;
      kind: SourceKind;
      label: string;
      config: SourceConfig;
      allied: boolean;
      now: number;
    }) {
      insert.run({ ...source, config: JSON.stringify(source.config), allied: source.allied ? 1 : 0 });
    },
    get(id: string): StoredSource | undefined {
      const row = byId.get(id);
      return row && toSource(row);
    },
    /** Just the kind, without reading (and parsing) the rest of the row. */
    kindOf: (id: string): SourceKind | undefined => kindById.get(id)?.kind,
    /** A page of a room's sources in creation order, after the source `after` describes. */
    ofRoom: (roomId: string, page: { after?: { createdAt: number; id: string } | undefined; limit: number }) =>
      (page.after === undefined
        ? firstPage.all(roomId, page.limit)
        : pageAfter.all({ roomId, ...page.after, limit: page.limit })
      ).map(toSource),
    /** Sources that should be polling: not paused, in a room that is not archived (unreadable ones included, with a null config). */
    active: () => active.all().map(toSource),
    update(
      id: string,
      fields: { label: string; config: SourceConfig; allied: boolean; resetMemory: boolean },
      now: number,
    ) {
      update.run({
        id,
        label: fields.label,
        config: JSON.stringify(fields.config),
        allied: fields.allied ? 1 : 0,
        resetMemory: fields.resetMemory ? 1 : 0,
        now,
      });
    },
    setPaused(id: string, paused: boolean, now: number) {
      setPaused.run(paused ? 1 : 0, paused ? 'paused' : 'idle', now, id);
    },
    remove: (id: string) => remove.run(id).changes === 1,
    /** Health and poller memory after a poll; `newItems` adds to the running count. */
    saveHealth(id: string, health: Omit<SourceHealth, 'itemsTaken'>, memory: PollerMemory, newItems: number) {
      const notices = health.notices.length > 0 ? JSON.stringify(health.notices) : null;
      const problem = health.problem === null ? null : JSON.stringify(health.problem);
      saveHealth.run({ id, ...health, notices, problem, ...memory, newItems });
    },
  };
}
export type SourceRepository = ReturnType<typeof createSourceRepository>;
