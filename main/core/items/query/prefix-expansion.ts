import type { ReadableDb } from '../../db/read-db';
import { cachedStatement } from './statement-cache';

/**
 * FTS5 answers `arbit*` without a matching prefix index by merging the doclists of every
 * word that starts with it, and does so again for each chunk it is asked for. Listing those
 * words once (fts5vocab reads the term list in order) and asking for them by name keeps
 * each chunk as cheap as a plain OR. Only plain ASCII stems are expanded: for them the
 * tokenizer's folding is plain lower-casing, so the word list is exactly what FTS5 matches.
 */
export const maxPrefixExpansion = 32;
const vocabTable = 'temp.riposte_items_vocab';
const plainStem = /^[A-Za-z0-9]+$/u;
const ready = new WeakSet<ReadableDb>();

function ensureVocab(db: ReadableDb): void {
  if (ready.has(db)) return;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${vocabTable} USING fts5vocab(main, items_fts, 'row')`);
  ready.add(db);
}

export type PrefixExpander = (stem: string) => string[] | null;

/** Words in the index starting with `stem`, or null when FTS5's own prefix query is the better tool. */
export function prefixExpander(db: ReadableDb): PrefixExpander {
  return (stem) => {
    if (!plainStem.test(stem)) return null;
    ensureVocab(db);
    const low = stem.toLowerCase();
    const last = low.charCodeAt(low.length - 1);
    const high = `${low.slice(0, -1)}${String.fromCharCode(last + 1)}`;
    const words = cachedStatement(
      db,
      `SELECT term FROM ${vocabTable} WHERE term >= ? AND term < ? LIMIT ${maxPrefixExpansion + 1}`,
    )
      .pluck()
      .all(low, high) as string[];
    return words.length > maxPrefixExpansion ? null : words;
  };
}
