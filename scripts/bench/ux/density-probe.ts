/**
 * What the density figures count, run inside the page. Kept as source text: tsx compiles
 * functions with helpers (`__name`) that do not exist in the page.
 *
 * A column counts as visible when the whole column is inside the columns row (not cut by
 * its scroll edge); a post counts when its whole card is inside its column's list. Only
 * columns whose list overflows (more posts than fit) say how many posts fit, so a column
 * that matched three posts does not read as a column that can show only three.
 */
export interface DensityReading {
  columnsVisible: number;
  /** Fully visible posts in each visible column whose list overflows. */
  postsInFullColumns: number[];
  /** The widest author name cut by an ellipsis, if any (its text), among visible posts. */
  cutAuthors: string[];
}

export const readDensity = `(() => {
  const row = document.querySelector('.columns-row');
  const reading = { columnsVisible: 0, postsInFullColumns: [], cutAuthors: [] };
  if (!row) return reading;
  const inside = (box, outer) =>
    box.left >= outer.left - 0.5 && box.right <= outer.right + 0.5 &&
    box.top >= outer.top - 0.5 && box.bottom <= outer.bottom + 0.5;
  const rowBox = row.getBoundingClientRect();
  const columns = [...row.querySelectorAll('.timeline-column')].filter((column) =>
    inside(column.getBoundingClientRect(), rowBox) && rowBox.right <= window.innerWidth + 0.5);
  reading.columnsVisible = columns.length;
  for (const column of columns) {
    const feed = column.querySelector('[role="feed"]');
    if (!feed) continue;
    const feedBox = feed.getBoundingClientRect();
    const shown = [...feed.querySelectorAll('article')].filter((card) => inside(card.getBoundingClientRect(), feedBox));
    for (const card of shown) {
      const author = card.querySelector('.item-author');
      if (author && author.scrollWidth > author.clientWidth + 1) reading.cutAuthors.push(author.textContent || '');
    }
    if (feed.scrollHeight > feed.clientHeight + 1) reading.postsInFullColumns.push(shown.length);
  }
  return reading;
})()`;
