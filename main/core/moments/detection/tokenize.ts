import { stopWords } from './stop-words';

/**
 * Words of a post for term detection: lower case, accents stripped ("Été" → "ete", so
 * spelling variants count together), hashtags and mentions kept whole (#var, @sodafizz),
 * links dropped, French elisions split (l'arbitre → arbitre), stop words, numbers and
 * single letters dropped. Each token once per post: one post shouting a word ten times
 * is one voice.
 */
const urlPattern = /\b(?:https?:\/\/|www\.)\S+/giu;
const tokenPattern = /[#@]?[\p{L}\p{N}_]+(?:[.@-][\p{L}\p{N}_]+)*/gu;
const elision = /^(?:[ldjmntsc]|qu|jusqu|lorsqu|puisqu)['’]/u;

export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokenize(text: string): string[] {
  const cleaned = foldAccents(text.replace(urlPattern, ' ')).replace(
    /(^|[^\p{L}])(?:[ldjmntsc]|qu|jusqu|lorsqu|puisqu)['’]/gu,
    '$1 ',
  );
  const seen = new Set<string>();
  for (const match of cleaned.matchAll(tokenPattern)) {
    let token = match[0];
    const marked = token.startsWith('#') || token.startsWith('@');
    if (!marked) {
      // Inside plain words, dots and dashes are punctuation ("fin.le", "var-arbitre" → both words).
      for (const part of token.split(/[.@-]/u)) addWord(part.replace(elision, ''), seen);
      continue;
    }
    token = token.replace(/[.-]+$/u, '');
    if (token.length > 2) seen.add(token);
  }
  return [...seen];
}

function addWord(word: string, seen: Set<string>): void {
  if (word.length < 2 || word.length > 40) return;
  if (/^\d+$/u.test(word) || stopWords.has(word)) return;
  seen.add(word);
}
