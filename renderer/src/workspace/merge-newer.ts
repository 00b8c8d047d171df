import type { ColumnItem } from '../../../shared/columns/column';

type Ordered = Pick<ColumnItem, 'id' | 'publishedAt'>;

/** Newest published first; among items published the same millisecond, the last stored first. */
const newestFirst = (a: Ordered, b: Ordered) => b.publishedAt - a.publishedAt || b.id - a.id;

/**
 * A column's items with a live refresh's answer added: each item once, newest first. A
 * refresh asks for more than what arrived (so a burst leaves no gap), hence the overlap.
 * Returns `current` itself when nothing is new, so React skips the render.
 */
export function mergeNewer<I extends Ordered>(current: I[], fetched: I[]): I[] {
  const known = new Set(current.map((item) => item.id));
  const fresh = fetched.filter((item) => !known.has(item.id));
  if (fresh.length === 0) return current;
  return [...fresh, ...current].sort(newestFirst);
}
