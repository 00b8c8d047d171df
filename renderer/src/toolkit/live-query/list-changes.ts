/** Applying a pushed record to a list held on screen, for `patchOn` queries. */

/** The list with `record` in place of the one with its id, or added at the end. */
export function upsertById<R extends { id: string }>(list: readonly R[], record: R): R[] {
  const index = list.findIndex((existing) => existing.id === record.id);
  if (index === -1) return [...list, record];
  const next = list.slice();
  next[index] = record;
  return next;
}

/** The list without the record whose id is `id`. */
export function removeById<R extends { id: string }>(list: readonly R[], id: string): R[] {
  return list.filter((record) => record.id !== id);
}
