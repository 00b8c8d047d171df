import type { EntryKey, KnownEntries } from '../feeds/parse-feed';

/**
 * What the ingest worker remembers of each feed it stored, so a re-poll of an unchanged feed
 * skips decoding and sanitizing the entries already stored (parseFeed's `known`). Kept in the
 * worker's memory only: a restarted worker reads its first poll of each feed in full, which
 * is what every poll did before, and the store still dedupes whatever is read again.
 *
 * Bounded twice: a source keeps the keys of its latest document only, at most `perSource`
 * of them (a feed document holds a bounded number of entries; past that the rest are simply
 * read again), and all sources together at most `total`, the least recently polled forgotten
 * first (a removed source is never polled again, so it goes first).
 */
export interface KnownEntriesMemory {
  /** The keys to hand parseFeed for this source: empty before its first stored poll. */
  of(sourceId: string): KnownEntries;
  /** After the poll's items were stored, never before: a failed write must not be skipped next time. */
  remember(sourceId: string, keys: readonly EntryKey[]): void;
  /** The most keys a source keeps: parseFeed need not list more (its `keysWanted`). */
  readonly perSource: number;
  /** How many keys are held, for tests. */
  size(): number;
}

const nothingKnown: KnownEntries = new Map();

export function createKnownEntriesMemory(
  limits: { perSource: number; total: number } = { perSource: 1_000, total: 100_000 },
): KnownEntriesMemory {
  // A Map iterates in insertion order: re-inserting a source on each poll makes the first the least recent.
  const bySource = new Map<string, KnownEntries>();
  let held = 0;

  return {
    perSource: limits.perSource,
    of: (sourceId) => bySource.get(sourceId) ?? nothingKnown,
    remember(sourceId, keys) {
      const previous = bySource.get(sourceId);
      if (previous) {
        held -= previous.size;
        bySource.delete(sourceId);
      }
      const kept = new Map<string, Omit<EntryKey, 'extId'>>();
      for (const key of keys) {
        if (kept.size >= limits.perSource) break;
        kept.set(key.extId, { fingerprint: key.fingerprint, unreadable: key.unreadable });
      }
      bySource.set(sourceId, kept);
      held += kept.size;
      for (const [oldest, entries] of bySource) {
        if (held <= limits.total || oldest === sourceId) break;
        bySource.delete(oldest);
        held -= entries.size;
      }
    },
    size: () => held,
  };
}
