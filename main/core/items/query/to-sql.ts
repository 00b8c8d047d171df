import type { QueryNode } from '../../../../shared/query/ast';
import type { QueryFilters } from '../../../../shared/query/filters';
import { indexedTag } from '../../../../shared/domain/hashtags';
import { exactFts, supersetFts } from './fts-expression';
import { hashtagSql } from './hashtag-sql';
import { queryMatchesFunction } from './match-functions';
import { mentionSql, plainHandle } from './mention-sql';
import type { PrefixExpander } from './prefix-expansion';
import type { SqlFragment, SqlParam } from './sql-fragment';

/**
 * A column query compiled for the items table, aliased `i`. A row matches when it is a
 * candidate and `check` (room, filters and what the candidates leave of the query) holds.
 * Candidates: rows in `items_fts MATCH fts` when `fts` is set; items carrying `hashtag`
 * (item_hashtags) when that is set; otherwise every item of the room. Never both.
 */
export interface CompiledQuery {
  fts: string | null;
  /** A folded tag, see hashtag-sql.ts. */
  hashtag: string | null;
  check: SqlFragment;
  /** `check` reads only the id, room and time of `i` (the narrow items_id_time index has them): no JS test. */
  narrow: boolean;
  /** `check` is room and time range only: nothing to test beyond the candidates. */
  bare: boolean;
  /** `check` runs the JS matcher on every candidate: SQL and FTS5 could not decide the query. */
  matcher: boolean;
}

export const itemsAlias = 'i';

interface Residual {
  /** SQL tests on `i`, ANDed, or null when the candidates decide the query alone. */
  sql: string | null;
  hashtag: string | null;
  fts: string | null;
  /** The tests read only the id, room and time of `i`. */
  narrow: boolean;
  matcher: boolean;
}

const decidedInSql = (term: QueryNode): boolean => {
  const leaf = term.kind === 'not' ? term.child : term;
  return leaf.kind === 'mention' || (leaf.kind === 'hashtag' && indexedTag(leaf.value) !== null);
};

/**
 * Top-level AND terms that SQL decides are tested in SQL: hashtags through item_hashtags
 * (exact), mentions through mention-sql.ts (exact for ASCII handles). When every term is
 * one of those and one is a hashtag, that hashtag's rows are the candidates. Otherwise the
 * FTS5 superset expression narrows the rows; when FTS5 is exact for the remaining terms and
 * restricts the rows, nothing else is tested (bar non-ASCII handles), and when it is not,
 * the JS matcher (match-functions.ts) decides on each candidate row.
 */
function residualCheck(ast: QueryNode, expand: PrefixExpander | undefined, params: SqlParam[]): Residual {
  const terms = ast.kind === 'and' ? ast.children : [ast];
  const allInSql = terms.every(decidedInSql);
  const clauses: string[] = [];
  const others: QueryNode[] = [];
  let hashtag: string | null = null;
  let mentions = false;
  for (const term of terms) {
    const negated = term.kind === 'not';
    const leaf = term.kind === 'not' ? term.child : term;
    const tag = leaf.kind === 'hashtag' ? indexedTag(leaf.value) : null;
    if (tag !== null) {
      if (allInSql && !negated && hashtag === null) hashtag = tag;
      else clauses.push(`${negated ? 'NOT ' : ''}${hashtagSql(tag, params)}`);
    } else if (leaf.kind === 'mention') {
      mentions = true;
      clauses.push(`coalesce(${mentionSql(leaf.value, params)}, ${negated ? '0) = 0' : '1) = 1'}`);
    } else {
      others.push(term);
    }
  }
  const fts = hashtag === null ? supersetFts(ast, expand) : null;
  const othersByFts =
    fts !== null && others.every((term) => (term.kind === 'not' ? exactFts(term.child) : exactFts(term)) !== null);
  const decided = others.length === 0 || othersByFts;
  if (!decided || mentions) {
    params.push(JSON.stringify(ast));
    const matcher = `${queryMatchesFunction}(?, i.text, i.author_handle) = 1`;
    // Mention tests are NULL, so passed here, only for non-ASCII handles.
    clauses.push(decided ? `(${plainHandle} OR ${matcher})` : matcher);
  }
  const sql = clauses.length > 0 ? clauses.join(' AND ') : null;
  return { sql, hashtag, fts, narrow: decided && !mentions, matcher: !decided };
}

/** Filters that read more of an item than its room and time. */
export function hasRowFilters(filters: QueryFilters): boolean {
  return (
    Boolean(filters.hasMedia) ||
    Boolean(filters.languages && filters.languages.length > 0) ||
    Boolean(filters.minEngagement && filters.minEngagement > 0) ||
    Boolean(filters.sources && filters.sources.length > 0) ||
    Boolean(filters.alliedOnly)
  );
}

export function filtersSql(roomId: string, filters: QueryFilters, params: SqlParam[]): string[] {
  const clauses: string[] = ['i.room_id = ?'];
  params.push(roomId);
  if (filters.sources && filters.sources.length > 0) {
    clauses.push(`i.source_id IN (${filters.sources.map(() => '?').join(', ')})`);
    params.push(...filters.sources);
  }
  if (filters.languages && filters.languages.length > 0) {
    // 'fr' also takes 'fr-CA': sources report regional tags.
    const tests = filters.languages.map((language) => {
      params.push(language, `${language}-%`);
      return 'i.language = ? COLLATE NOCASE OR i.language LIKE ?';
    });
    clauses.push(`(${tests.join(' OR ')})`);
  }
  if (filters.alliedOnly) {
    // A list built once per statement run, rather than a sources lookup per row.
    clauses.push('i.source_id IN (SELECT s.id FROM sources s WHERE s.allied = 1)');
  }
  if (filters.hasMedia) clauses.push('i.has_media = 1');
  if (filters.minEngagement !== undefined && filters.minEngagement > 0) {
    clauses.push('i.engagement >= ?');
    params.push(filters.minEngagement);
  }
  // from inclusive, to exclusive, so consecutive ranges never count an item twice.
  if (filters.timeRange?.from !== undefined) {
    clauses.push('i.published_at >= ?');
    params.push(filters.timeRange.from);
  }
  if (filters.timeRange?.to !== undefined) {
    clauses.push('i.published_at < ?');
    params.push(filters.timeRange.to);
  }
  return clauses;
}

/** `expand` (see prefix-expansion.ts) only changes how prefixes are put to FTS5, never the rows. */
export function compileQuery(
  roomId: string,
  ast: QueryNode | null,
  filters: QueryFilters = {},
  expand?: PrefixExpander,
): CompiledQuery {
  const params: SqlParam[] = [];
  const clauses = filtersSql(roomId, filters, params);
  const plain = !hasRowFilters(filters);
  const residual = ast ? residualCheck(ast, expand, params) : null;
  if (residual?.sql) clauses.push(`(${residual.sql})`);
  return {
    fts: residual?.fts ?? null,
    hashtag: residual?.hashtag ?? null,
    check: { sql: clauses.join(' AND '), params },
    narrow: plain && (residual?.narrow ?? true),
    bare: plain && !residual?.sql,
    matcher: residual?.matcher ?? false,
  };
}

/**
 * One self-contained WHERE fragment over `items AS i` (for counts, exports, anything that
 * does not need the newest-first strategy of newestMatching). Needs ensureMatchFunctions(db).
 * `ids` bounds the rows to (after, through], FTS matches included, so reading a page of new
 * items costs that page, not the room: pair it with `items i NOT INDEXED` to seek by rowid.
 */
export function toSqlWhere(
  roomId: string,
  ast: QueryNode | null,
  filters: QueryFilters = {},
  ids?: { after: number; through: number },
): SqlFragment {
  const compiled = compileQuery(roomId, ast, filters);
  const tests: string[] = [];
  const params: SqlParam[] = [];
  const idRange = (column: string) => {
    params.push(ids?.after ?? 0, ids?.through ?? 0);
    return `${column} > CAST(? AS INTEGER) AND ${column} <= CAST(? AS INTEGER)`;
  };
  if (ids) tests.push(idRange('i.id'));
  if (compiled.hashtag !== null) tests.push(hashtagSql(compiled.hashtag, params));
  if (compiled.fts !== null) {
    params.push(compiled.fts);
    const bounded = ids ? ` AND ${idRange('rowid')}` : '';
    tests.push(`i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?${bounded})`);
  }
  tests.push(compiled.check.sql);
  params.push(...compiled.check.params);
  return { sql: tests.join(' AND '), params };
}
