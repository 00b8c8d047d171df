import type { BannedTerm } from '../playbook/playbook';

/**
 * Folds text for matching: no accents, no case, common ligatures spelled out, curly
 * apostrophes straightened. "Œuvre" and "oeuvre", "Écolo" and "ecolo" fold the same.
 */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œ]/g, 'oe')
    .replace(/[æ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[’‘ʼ]/g, "'");
}

export interface BannedTermHit {
  term: string;
  reason: string;
  count: number;
}

export type BannedTermMatcher = (body: string) => BannedTermHit[];

const WORD_CHAR = '[\\p{L}\\p{N}_]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function collapseSpaces(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Compiles the playbook's banned terms into one regular expression, once per playbook,
 * so checking a body as someone types is a single scan. Whole words only: "con" does not
 * match "contrat"; phrases match across any run of spaces.
 */
export function compileBannedTerms(terms: readonly BannedTerm[]): BannedTermMatcher {
  const byFolded = new Map<string, BannedTerm>();
  for (const entry of terms) {
    const folded = collapseSpaces(foldForMatching(entry.term));
    if (folded !== '' && !byFolded.has(folded)) byFolded.set(folded, entry);
  }
  if (byFolded.size === 0) return () => [];
  // Longest first, so a phrase wins over a word it starts with.
  const alternatives = [...byFolded.keys()]
    .sort((a, b) => b.length - a.length)
    .map((folded) => escapeRegExp(folded).replace(/ /g, '\\s+'));
  const pattern = new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})(?!${WORD_CHAR})`, 'gu');
  return (body) => {
    const counts = new Map<BannedTerm, number>();
    for (const match of foldForMatching(body).matchAll(pattern)) {
      const entry = byFolded.get(collapseSpaces(match[0]));
      if (entry !== undefined) counts.set(entry, (counts.get(entry) ?? 0) + 1);
    }
    return [...counts].map(([entry, count]) => ({ term: entry.term, reason: entry.reason, count }));
  };
}
