export { newestMatching, toAst, type MatchedItem, type NewestOptions } from './newest-matching';
export { volumePerMinute, newestItemId, minuteMs, type MinuteCount, type StoredIds } from './volume-per-minute';
export { compileQuery, toSqlWhere, type CompiledQuery } from './to-sql';
export type { SqlFragment } from './sql-fragment';
export { ensureMatchFunctions } from './match-functions';
export { idsMatchingInRange } from './ids-in-range';
