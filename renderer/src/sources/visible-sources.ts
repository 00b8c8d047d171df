import type { Source } from '../../../shared/sources/source';

/**
 * What the Sources panel draws of a long list: the sources matching the filter (by name or
 * address, accents and case folded), at most `shown` of them. Drawing 2,000 rows, each with
 * its buttons and health line, would make the panel slow to open and to update; the rest
 * are a "show more" or a filter away.
 */
export const sourcesShownAtFirst = 100;
/** From this many sources on, the panel offers a filter box. */
export const sourcesFilterFrom = 20;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function addressOf(source: Source): string {
  const config = source.config;
  switch (config?.kind) {
    case 'feed':
      return config.url;
    case 'mastodon':
      return `${config.instance} #${config.tag}`;
    default:
      return '';
  }
}

export function visibleSources(
  sources: readonly Source[],
  query: string,
  shown: number,
): { rows: Source[]; matching: number } {
  const needle = fold(query.trim());
  const matching =
    needle === ''
      ? sources
      : sources.filter((source) => fold(source.label).includes(needle) || fold(addressOf(source)).includes(needle));
  return { rows: matching.slice(0, shown), matching: matching.length };
}
