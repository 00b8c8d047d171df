import type { ParseResult, QueryError, QueryErrorKey, QueryNode } from './ast';
import { lexQuery, type QueryToken } from './lex-query';

export const maxQueryLength = 1000;
export const maxQueryLeaves = 64;
export const maxQueryDepth = 32;

const hasSearchableChar = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);
const hashtagBody = /^[\p{L}\p{M}\p{N}_]+$/u;
const handleBody = /^[\p{L}\p{M}\p{N}_.\-@]+$/u;

/** Thrown only inside this module, always turned into a QueryError value. */
class QuerySyntaxError extends Error {
  constructor(
    readonly messageKey: QueryErrorKey,
    readonly position: number,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

function fail(
  key: QueryErrorKey,
  position: number,
  message: string,
  params: Record<string, string | number> = {},
): never {
  // Human messages count characters from 1; `position` stays a 0-based offset for the caret.
  throw new QuerySyntaxError(key, position, message, { ...params, position: position + 1 });
}

/**
 * Grammar (recursive descent, lowest precedence first):
 *   query   := or EOF
 *   or      := and (OR and)*
 *   and     := unary ((AND)? unary)*        -- a space means AND
 *   unary   := (NOT | -) unary | primary
 *   primary := '(' or ')' | "phrase" | word | word* | #tag | @handle
 * Never throws: every problem comes back as `{ ok: false, message, position, messageKey, params }`.
 */
export function parseQuery(input: string): ParseResult {
  if (input.length > maxQueryLength) {
    return errorValue(
      'query.errors.tooLong',
      maxQueryLength,
      `This query is too long (${input.length} characters, at most ${maxQueryLength}).`,
      { length: input.length, max: maxQueryLength },
    );
  }
  const lexed = lexQuery(input);
  if (!lexed.ok) {
    return errorValue(
      'query.errors.unclosedQuote',
      lexed.unclosedQuoteAt,
      `Missing closing quote for the phrase starting at position ${lexed.unclosedQuoteAt + 1}.`,
      { position: lexed.unclosedQuoteAt + 1 },
    );
  }
  if (lexed.tokens.length === 0 && lexed.skipped) {
    const { pos, text } = lexed.skipped;
    return errorValue(
      'query.errors.nothingSearchable',
      pos,
      `"${text}" has no letters or digits to search for (position ${pos + 1}).`,
      {
        text,
        position: pos + 1,
      },
    );
  }
  try {
    const parser = new Parser(lexed.tokens, input.length);
    return { ok: true, ast: parser.parseQuery() };
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      return errorValue(error.messageKey, error.position, error.message, error.params);
    }
    // A bug here must not take the column down: report it as a query problem.
    return errorValue('query.errors.nothingSearchable', 0, 'This query could not be read.', {});
  }
}

function errorValue(
  messageKey: QueryErrorKey,
  position: number,
  message: string,
  params: Record<string, string | number>,
): QueryError {
  return { ok: false, message, position, messageKey, params };
}

class Parser {
  private index = 0;
  private depth = 0;
  private leaves = 0;

  constructor(
    private readonly tokens: QueryToken[],
    private readonly length: number,
  ) {}

  parseQuery(): QueryNode | null {
    if (this.tokens.length === 0) return null;
    const node = this.parseOr();
    const extra = this.peek();
    if (extra) {
      // parseOr stops only at a token that cannot continue an expression.
      if (extra.type === 'rparen') {
        fail(
          'query.errors.unexpectedCloseParen',
          extra.pos,
          `Unexpected closing parenthesis at position ${extra.pos + 1}: there is no "(" to close.`,
        );
      }
      fail(
        'query.errors.operatorNeedsBothSides',
        extra.pos,
        `Unexpected "${describe(extra)}" at position ${extra.pos + 1}.`,
        { operator: describe(extra) },
      );
    }
    return node;
  }

  private peek(): QueryToken | undefined {
    return this.tokens[this.index];
  }

  private next(): QueryToken | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  private startsOperand(token: QueryToken | undefined): boolean {
    return (
      token !== undefined &&
      (token.type === 'word' || token.type === 'phrase' || token.type === 'lparen' || token.type === 'not')
    );
  }

  private requireOperand(operator: { pos: number; raw: string }): void {
    if (!this.startsOperand(this.peek())) {
      fail(
        'query.errors.operatorNeedsBothSides',
        operator.pos,
        `${operator.raw} needs a term on both sides (position ${operator.pos + 1}).`,
        { operator: operator.raw },
      );
    }
  }

  private parseOr(): QueryNode {
    const first = this.peek();
    if (first && (first.type === 'or' || first.type === 'and')) this.requireOperand(first);
    const children = [this.parseAnd()];
    for (let token = this.peek(); token?.type === 'or'; token = this.peek()) {
      this.next();
      this.requireOperand(token);
      children.push(this.parseAnd());
    }
    return children.length === 1 && children[0] ? children[0] : { kind: 'or', children: flatten('or', children) };
  }

  private parseAnd(): QueryNode {
    const first = this.peek();
    if (first && (first.type === 'or' || first.type === 'and')) {
      fail(
        'query.errors.operatorNeedsBothSides',
        first.pos,
        `${first.raw} needs a term on both sides (position ${first.pos + 1}).`,
        { operator: first.raw },
      );
    }
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (token?.type === 'and') {
        this.next();
        this.requireOperand(token);
        children.push(this.parseUnary());
      } else if (this.startsOperand(token)) {
        children.push(this.parseUnary());
      } else {
        break;
      }
    }
    return children.length === 1 && children[0] ? children[0] : { kind: 'and', children: flatten('and', children) };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.type === 'not') {
      this.next();
      if (!this.startsOperand(this.peek())) {
        fail(
          'query.errors.notNeedsTerm',
          token.pos,
          `${token.raw} needs a term right after it (position ${token.pos + 1}).`,
          { operator: token.raw },
        );
      }
      const child = this.nested(() => this.parseUnary());
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    if (!token) {
      fail('query.errors.operatorNeedsBothSides', this.length, 'The query ends where a term was expected.', {
        operator: '',
      });
    }
    switch (token.type) {
      case 'lparen': {
        if (this.peek()?.type === 'rparen') {
          fail(
            'query.errors.emptyParens',
            token.pos,
            `Empty parentheses at position ${token.pos + 1}: put terms inside or remove them.`,
          );
        }
        const inner = this.nested(() => this.parseOr());
        if (this.peek()?.type !== 'rparen') {
          fail(
            'query.errors.unclosedParen',
            token.pos,
            `Missing closing parenthesis for the "(" at position ${token.pos + 1}.`,
          );
        }
        this.next();
        return inner;
      }
      case 'rparen':
        return fail(
          'query.errors.unexpectedCloseParen',
          token.pos,
          `Unexpected closing parenthesis at position ${token.pos + 1}: there is no "(" to close.`,
        );
      case 'phrase': {
        const value = token.value.trim();
        if (value === '')
          fail(
            'query.errors.emptyPhrase',
            token.pos,
            `Empty quotes at position ${token.pos + 1}: put words between them.`,
          );
        if (!hasSearchableChar(value)) this.nothingSearchable(token.pos, value);
        return this.leaf({ kind: 'phrase', value: value.replace(/\s+/gu, ' ') });
      }
      case 'word':
        return this.leaf(this.classifyWord(token.value, token.pos));
      case 'or':
      case 'and':
      case 'not':
        return fail(
          'query.errors.operatorNeedsBothSides',
          token.pos,
          `${token.raw} needs a term on both sides (position ${token.pos + 1}).`,
          { operator: token.raw },
        );
    }
  }

  private classifyWord(word: string, pos: number): QueryNode {
    if (word === '-') {
      fail('query.errors.notNeedsTerm', pos, `"-" excludes the word glued to it, like -pub (position ${pos + 1}).`, {
        operator: '-',
      });
    }
    const marker = word.charAt(0);
    if (marker === '#' || marker === '@') {
      const body = word.slice(1);
      if (body === '' || !hasSearchableChar(body)) {
        fail(
          'query.errors.emptyMarker',
          pos,
          `"${marker}" needs a name right after it, like ${marker === '#' ? '#ChaussetteGate' : '@SodaFizz'} (position ${pos + 1}).`,
          { marker },
        );
      }
      if (marker === '#' && hashtagBody.test(body)) return { kind: 'hashtag', value: body };
      if (marker === '@' && handleBody.test(body)) return { kind: 'mention', value: body.replace(/^@/u, '') };
    }
    if (word.endsWith('*')) {
      const stem = word.replace(/\*+$/u, '');
      if ((stem.match(/[\p{L}\p{N}]/gu) ?? []).length < 2) {
        fail(
          'query.errors.prefixTooShort',
          pos,
          `Prefix search needs at least 2 letters before "*" (position ${pos + 1}).`,
          { min: 2 },
        );
      }
      return { kind: 'prefix', value: stem };
    }
    if (!hasSearchableChar(word)) this.nothingSearchable(pos, word);
    return { kind: 'term', value: word };
  }

  private nothingSearchable(pos: number, text: string): never {
    fail(
      'query.errors.nothingSearchable',
      pos,
      `"${text}" has no letters or digits to search for (position ${pos + 1}).`,
      { text },
    );
  }

  private leaf(node: QueryNode): QueryNode {
    this.leaves += 1;
    if (this.leaves > maxQueryLeaves) {
      fail('query.errors.tooLong', 0, `This query has too many terms (at most ${maxQueryLeaves}).`, {
        max: maxQueryLeaves,
      });
    }
    return node;
  }

  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > maxQueryDepth) {
      fail(
        'query.errors.tooDeep',
        this.tokens[this.index - 1]?.pos ?? 0,
        `Too many nested parentheses or NOTs (at most ${maxQueryDepth}).`,
        { max: maxQueryDepth },
      );
    }
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }
}

function describe(token: QueryToken): string {
  switch (token.type) {
    case 'lparen':
      return '(';
    case 'rparen':
      return ')';
    case 'or':
    case 'and':
    case 'not':
      return token.raw;
    case 'phrase':
      return `"${token.value}"`;
    case 'word':
      return token.value;
  }
}

function flatten(kind: 'and' | 'or', children: QueryNode[]): QueryNode[] {
  return children.flatMap((child) => (child.kind === kind ? child.children : [child]));
}

/** Words the UI should highlight in matching items: what the query looks for, not what it excludes. */
export function highlightTerms(ast: QueryNode | null): string[] {
  const found = new Set<string>();
  const visit = (node: QueryNode): void => {
    switch (node.kind) {
      case 'term':
      case 'phrase':
      case 'prefix':
        found.add(node.value);
        return;
      case 'hashtag':
        found.add(`#${node.value}`);
        return;
      case 'mention':
        found.add(`@${node.value}`);
        return;
      case 'and':
      case 'or':
        node.children.forEach(visit);
        return;
      case 'not':
        return;
    }
  };
  if (ast) visit(ast);
  return [...found];
}
