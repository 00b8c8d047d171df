import type { Source, SourceHealth } from '../../../../shared/sources/source';

/**
 * What ingest needs from the sources' table, and no more: the sources area hands in its
 * repository, which fits this shape as it is. Ingest then never imports the sources area,
 * so the area can change its storage without ingest noticing, and nothing loops back.
 */

/** What a poller remembers between polls (conditional GET validators, a stream's cursor). */
export interface PollerMemory {
  etag: string | null;
  lastModified: string | null;
  cursor: string | null;
}

/** A source as ingest reads it: its settings and health, with the poller's memory, never its credentials. */
export type SourceRecord = Omit<Source, 'credentialSet'> & { memory: PollerMemory };

export interface SourceRecords {
  get(id: string): SourceRecord | undefined;
  /** Sources that should be polling: not paused, in a room that is not archived. */
  active(): SourceRecord[];
  /** Health and poller memory after a poll; `newItems` adds to the running count. */
  saveHealth(id: string, health: Omit<SourceHealth, 'itemsTaken'>, memory: PollerMemory, newItems: number): void;
}
