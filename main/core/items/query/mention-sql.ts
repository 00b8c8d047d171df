import { foldForMatch } from './match-functions';
import type { SqlParam } from './sql-fragment';

/**
 * `@SodaFizz` in SQL, where SQL can be exact: for an ASCII handle, folding (match-functions.ts)
 * is plain lower-casing, so SQLite's ASCII lower() gives the same answer as handleIs. The
 * expression is 1 or 0 there (0 for no handle) and NULL for other handles, left to the JS check.
 * Deciding on most rows in SQL spares the per-row JS call.
 */
export const plainHandle = "(i.author_handle IS NULL OR i.author_handle NOT GLOB '*[^ -~]*')";

export function mentionSql(value: string, params: SqlParam[]): string {
  const wanted = foldForMatch(value).replace(/^@/u, '');
  const length = [...wanted].length + 1;
  const handle =
    "lower(CASE WHEN substr(i.author_handle, 1, 1) = '@' THEN substr(i.author_handle, 2) ELSE i.author_handle END)";
  params.push(wanted, length, `${wanted}@`, length, `${wanted}.`);
  return `(CASE WHEN i.author_handle IS NULL THEN 0 WHEN i.author_handle NOT GLOB '*[^ -~]*'
    THEN (${handle} = ? OR substr(${handle}, 1, ?) = ? OR substr(${handle}, 1, ?) = ?) END)`;
}
