/** Tokens of the column query language, with their offset in the typed text. */
export type QueryToken =
  | { type: 'lparen'; pos: number }
  | { type: 'rparen'; pos: number }
  | { type: 'or'; pos: number; raw: string }
  | { type: 'and'; pos: number; raw: string }
  | { type: 'not'; pos: number; raw: string }
  | { type: 'phrase'; pos: number; value: string }
  | { type: 'word'; pos: number; value: string };

export type LexResult =
  | { ok: true; tokens: QueryToken[]; skipped: { pos: number; text: string } | null }
  | { ok: false; unclosedQuoteAt: number };

// Upper case only, so "or" / "et" typed as words stay words. French spellings too:
// many users work in French.
const operators: Record<string, 'or' | 'and' | 'not'> = {
  OR: 'or',
  OU: 'or',
  AND: 'and',
  ET: 'and',
  NOT: 'not',
  SAUF: 'not',
};

// Control characters (NUL…) count as spaces: SQLite's full-text MATCH cannot take them, and a
// query stored before the contract refused them must still read.
const isSpace = (ch: string): boolean => /[\s\p{Cc}]/u.test(ch);
const endsWord = (ch: string): boolean => isSpace(ch) || ch === '(' || ch === ')' || ch === '"';

export function lexQuery(input: string): LexResult {
  const tokens: QueryToken[] = [];
  let skipped: { pos: number; text: string } | null = null;
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (isSpace(ch)) {
      i += 1;
    } else if (ch === '(') {
      tokens.push({ type: 'lparen', pos: i });
      i += 1;
    } else if (ch === ')') {
      tokens.push({ type: 'rparen', pos: i });
      i += 1;
    } else if (ch === '"' || ch === '“' || ch === '«') {
      const close = ch === '«' ? '»' : ch === '“' ? '”' : '"';
      const end = input.indexOf(close, i + 1);
      // A typed "..." may be closed by a straight quote even when opened by a curly one.
      const endAlt = close === '"' ? -1 : input.indexOf('"', i + 1);
      const stop = end === -1 ? endAlt : endAlt === -1 ? end : Math.min(end, endAlt);
      if (stop === -1) return { ok: false, unclosedQuoteAt: i };
      tokens.push({ type: 'phrase', pos: i, value: input.slice(i + 1, stop).replace(/\p{Cc}/gu, ' ') });
      i = stop + 1;
    } else if (ch === '-' && i + 1 < input.length && !isSpace(input.charAt(i + 1)) && input.charAt(i + 1) !== '-') {
      // A leading minus glued to what follows excludes it; inside a word (coup-franc) it is text.
      tokens.push({ type: 'not', pos: i, raw: '-' });
      i += 1;
    } else {
      let end = i;
      while (end < input.length && !endsWord(input.charAt(end))) end += 1;
      const value = input.slice(i, end);
      const op = operators[value];
      if (op) tokens.push({ type: op, pos: i, raw: value });
      else if (isStrayPunctuation(value)) skipped ??= { pos: i, text: value };
      else tokens.push({ type: 'word', pos: i, value });
      i = end;
    }
  }
  return { ok: true, tokens, skipped };
}

/**
 * Punctuation typed between words (`;`, `'`, `--`, `!!!`) searches for nothing: the FTS
 * tokenizer would drop it anyway. It is skipped rather than refused; markers (#, @, -, *)
 * stay so the parser can explain how to use them.
 */
function isStrayPunctuation(word: string): boolean {
  return !/[\p{L}\p{N}]/u.test(word) && word !== '-' && !/^[#@]/u.test(word) && !word.endsWith('*');
}
