/**
 * A piece of SQL with its bound values. Its own file so the query compiler (to-sql.ts) and
 * the pieces it assembles (hashtag-sql.ts, mention-sql.ts, newest-by-blocks.ts) can all name
 * it without importing each other in a circle.
 */
export type SqlParam = string | number;

export interface SqlFragment {
  sql: string;
  params: SqlParam[];
}
