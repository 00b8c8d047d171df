import type { QueryNode } from '../../../../shared/query/ast';
import type { QueryFilters } from '../../../../shared/query/filters';
import { exactFts, supersetFts } from './fts-expression';
import { queryMatchesFunction } from './match-functions';
import { mentionPrefilters, plainHandle } from './mention-sql';
import type { PrefixExpander } from './prefix-expansion';

export type SqlParam = string | number;

export interface SqlFragment {
  sql: string;
  params: SqlParam[];
}

/**
 * A column query compiled for the items table, aliased `i`.
 * A row matches when: `fts` is null or the row is in `items_fts MATCH fts`, and `check`
 * (room, filters and the precise per-row part of the query) holds.
 */
export interface CompiledQuery {
  fts: string | null;
  check: SqlFragment;
  /** True when `check` has no per-row query test: FTS alone decides on the words. */
  ftsExact: boolean;
}

export const itemsAlias = 'i';

/**
 * When FTS5 cannot express the query exactly, its superset expression narrows the rows
 * and the JS matcher (match-functions.ts) decides on each of them. Mentions among the
 * top-level AND terms are tested in SQL first; when they are the only inexact part and
 * FTS5 restricts the rows, the JS check is left for the few non-ASCII handles.
 */
function residualCheck(ast: QueryNode, fts: string | null, params: SqlParam[]): string | null {
  if (exactFts(ast) !== null) return null;
  const { clauses, others } = mentionPrefilters(ast, params);
  const restExact = others.every((term) => (term.kind === 'not' ? exactFts(term.child) : exactFts(term)) !== null);
  params.push(JSON.stringify(ast));
  const matcher = `${queryMatchesFunction}(?, i.text, i.author_handle) = 1`;
  const decided = clauses.length > 0 && restExact && fts !== null ? `(${plainHandle} OR ${matcher})` : matcher;
  return [...clauses, decided].join(' AND ');
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
  const fts = ast ? supersetFts(ast, expand) : null;
  const residual = ast ? residualCheck(ast, fts, params) : null;
  if (residual !== null) clauses.push(`(${residual})`);
  return { fts, check: { sql: clauses.join(' AND '), params }, ftsExact: residual === null };
}

/**
 * One self-contained WHERE fragment over `items AS i` (for counts, exports, anything that
 * does not need the newest-first strategy of newestMatching). Needs ensureMatchFunctions(db).
 */
export function toSqlWhere(roomId: string, ast: QueryNode | null, filters: QueryFilters = {}): SqlFragment {
  const compiled = compileQuery(roomId, ast, filters);
  if (compiled.fts === null) return compiled.check;
  return {
    sql: `i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?) AND ${compiled.check.sql}`,
    params: [compiled.fts, ...compiled.check.params],
  };
}
