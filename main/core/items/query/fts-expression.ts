import type { QueryNode } from '../../../../shared/query/ast';
import type { PrefixExpander } from './prefix-expansion';

/**
 * AST → FTS5 MATCH expressions. Every user token goes in as an FTS5 string ("..." with
 * inner quotes doubled), so nothing typed (NEAR(, *, ^, col:, quotes, SQL) is ever read as
 * FTS5 syntax; the tokenizer splits the string into words like it does the stored text.
 * Only our own operators, column names and the prefix star are written outside strings.
 *
 * Two forms are built:
 * - exact: matches exactly the rows the node means, or null when FTS5 cannot say it
 *   (a bare NOT, an OR with a NOT inside, hashtags and mentions);
 * - superset: a looser expression every matching row satisfies (null: no restriction).
 *   Hashtags become their word (unicode61 drops '#'), mentions a phrase on author_handle;
 *   the rows it lets through are then checked precisely, row by row (see row-check.ts).
 */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function leafExpression(column: 'text' | 'author_handle', text: string, prefix = false): string {
  return `${column} : ${ftsString(text)}${prefix ? ' *' : ''}`;
}

/** `arbit*` as the words it stands for (same rows), when an expander lists them. */
function prefixExpression(stem: string, expand: PrefixExpander | undefined): string {
  const words = expand?.(stem) ?? null;
  if (words === null) return leafExpression('text', stem, true);
  // No word starts with the stem, so the stem itself is not a word either: matches nothing.
  if (words.length === 0) return leafExpression('text', stem);
  return `text : (${words.map(ftsString).join(' OR ')})`;
}

export function exactFts(node: QueryNode, expand?: PrefixExpander): string | null {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return leafExpression('text', node.value);
    case 'prefix':
      return prefixExpression(node.value, expand);
    case 'hashtag':
    case 'mention':
    case 'not':
      return null;
    case 'or': {
      const parts = node.children.map((child) => exactFts(child, expand));
      return parts.every((part): part is string => part !== null) ? parts.map((p) => `(${p})`).join(' OR ') : null;
    }
    case 'and':
      return andExpression(node.children, (child) => exactFts(child, expand), expand, true);
  }
}

export function supersetFts(node: QueryNode, expand?: PrefixExpander): string | null {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'prefix':
      return exactFts(node, expand);
    case 'hashtag':
      return leafExpression('text', node.value);
    case 'mention':
      return leafExpression('author_handle', node.value);
    case 'not':
      return null;
    case 'or': {
      const parts = node.children.map((child) => supersetFts(child, expand));
      return parts.every((part): part is string => part !== null) ? parts.map((p) => `(${p})`).join(' OR ') : null;
    }
    case 'and':
      return andExpression(node.children, (child) => supersetFts(child, expand), expand, false);
  }
}

/**
 * FTS5's NOT is binary (`a NOT b`), so negated children are subtracted from the AND of
 * the positive ones. In exact mode any child FTS5 cannot express makes the whole AND
 * inexpressible; in superset mode such a child just adds no restriction.
 */
function andExpression(
  children: QueryNode[],
  form: (node: QueryNode) => string | null,
  expand: PrefixExpander | undefined,
  exact: boolean,
): string | null {
  const positives: string[] = [];
  const negatives: string[] = [];
  for (const child of children) {
    if (child.kind === 'not') {
      const excluded = exactFts(child.child, expand);
      if (excluded !== null) negatives.push(excluded);
      else if (exact) return null;
    } else {
      const part = form(child);
      if (part !== null) positives.push(part);
      else if (exact) return null;
    }
  }
  if (positives.length === 0) return null;
  let expression = positives.map((p) => `(${p})`).join(' AND ');
  for (const negative of negatives) expression = `(${expression}) NOT (${negative})`;
  return expression;
}
