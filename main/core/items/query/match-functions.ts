import type { QueryNode } from '../../../../shared/query/ast';
import type { ReadableDb } from '../../db/read-db';
import { foldForMatch, textHasHashtag } from '../../../../shared/domain/hashtags';

/**
 * A JS twin of the FTS5 match, for the parts FTS5 cannot say exactly (hashtags: unicode61
 * drops '#'; author handles; NOT inside OR; a query with only NOTs) when SQL cannot either
 * (mention-sql.ts, hashtag-sql.ts). The FTS5 expression narrows the candidates, this
 * decides on each candidate row. Hashtags are read as ../hashtags.ts says, like the
 * item_hashtags index is written. A per-row FTS5 lookup (`MATCH ? AND rowid = i.id`) was
 * measured at ~50 µs a row, far too slow; this is ~2 µs.
 *
 * Words are folded and split the way `unicode61 remove_diacritics 2` does: letters and
 * digits (and private-use characters) make words, case and accents are ignored.
 */
export const queryMatchesFunction = 'riposte_query_matches';

export { foldForMatch, textHasHashtag };

export function matchWords(text: string): string[] {
  return foldForMatch(text).match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
}

/** `SodaFizz` is the author of `sodafizz`, `@SodaFizz@mastodon.social` and `sodafizz.bsky.social`. */
export function handleIs(handle: string, wanted: string): boolean {
  const h = foldForMatch(handle).replace(/^@/u, '');
  const w = foldForMatch(wanted).replace(/^@/u, '');
  return h === w || h.startsWith(`${w}@`) || h.startsWith(`${w}.`);
}

interface Row {
  text: string;
  authorHandle: string | null;
  words: string[] | null;
}

type Matcher = (row: Row) => boolean;

function wordsOf(row: Row): string[] {
  if (row.words === null) row.words = matchWords(row.text);
  return row.words;
}

/** FTS5 phrase semantics: the words in a row, in order; with `prefix`, the last one may be longer. */
function containsSequence(words: string[], wanted: string[], prefix: boolean): boolean {
  if (wanted.length === 0) return false;
  const lastIndex = wanted.length - 1;
  for (let start = 0; start + wanted.length <= words.length; start += 1) {
    let all = true;
    for (let k = 0; k < wanted.length && all; k += 1) {
      const word = words[start + k] ?? '';
      const want = wanted[k] ?? '';
      all = prefix && k === lastIndex ? word.startsWith(want) : word === want;
    }
    if (all) return true;
  }
  return false;
}

export function compileMatcher(node: QueryNode): Matcher {
  switch (node.kind) {
    case 'term':
    case 'phrase': {
      const wanted = matchWords(node.value);
      return (row) => containsSequence(wordsOf(row), wanted, false);
    }
    case 'prefix': {
      const wanted = matchWords(node.value);
      return (row) => containsSequence(wordsOf(row), wanted, true);
    }
    case 'hashtag':
      return (row) => textHasHashtag(row.text, node.value);
    case 'mention':
      return (row) => row.authorHandle !== null && handleIs(row.authorHandle, node.value);
    case 'not': {
      const inner = compileMatcher(node.child);
      return (row) => !inner(row);
    }
    case 'and': {
      const parts = node.children.map(compileMatcher);
      return (row) => parts.every((part) => part(row));
    }
    case 'or': {
      const parts = node.children.map(compileMatcher);
      return (row) => parts.some((part) => part(row));
    }
  }
}

/** Does this item match the query? The same answer the SQL gives, for code that holds items in memory. */
export function itemMatches(ast: QueryNode | null, text: string, authorHandle: string | null): boolean {
  return ast === null || compileMatcher(ast)({ text, authorHandle, words: null });
}

const maxCachedMatchers = 128;
const matchers = new Map<string, Matcher>();

function matcherFor(astJson: string): Matcher {
  const found = matchers.get(astJson);
  if (found) return found;
  const matcher = compileMatcher(JSON.parse(astJson) as QueryNode);
  matchers.set(astJson, matcher);
  if (matchers.size > maxCachedMatchers) {
    const oldest = matchers.keys().next();
    if (!oldest.done) matchers.delete(oldest.value);
  }
  return matcher;
}

const registered = new WeakSet<ReadableDb>();

/** Registers riposte_query_matches(astJson, text, author_handle) on this connection. */
export function ensureMatchFunctions(db: ReadableDb): void {
  if (registered.has(db)) return;
  db.function(queryMatchesFunction, { deterministic: true }, (astJson: unknown, text: unknown, handle: unknown) => {
    if (typeof astJson !== 'string' || typeof text !== 'string') return 0;
    const row: Row = { text, authorHandle: typeof handle === 'string' ? handle : null, words: null };
    return matcherFor(astJson)(row) ? 1 : 0;
  });
  registered.add(db);
}
