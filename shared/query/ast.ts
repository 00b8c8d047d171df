/**
 * The column query language, as typed by users:
 *   blackout OR panne · "coup franc" -pub · #ChaussetteGate · arbit* · (var OR arbitre) AND NOT @SodaFizz
 * Leaves keep the text the user typed (minus its marker); matching rules (case, accents)
 * belong to the code that runs the query.
 */
export type QueryNode =
  | { kind: 'term'; value: string }
  | { kind: 'phrase'; value: string }
  /** `arbit*`: words starting with `value`. */
  | { kind: 'prefix'; value: string }
  /** `#ChaussetteGate`, value without the `#`. */
  | { kind: 'hashtag'; value: string }
  /** `@SodaFizz`: posts whose author is this handle, value without the leading `@`. */
  | { kind: 'mention'; value: string }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

export type QueryLeaf = Extract<QueryNode, { value: string }>;

export type QueryErrorKey =
  | 'query.errors.tooLong'
  | 'query.errors.tooDeep'
  | 'query.errors.unclosedQuote'
  | 'query.errors.emptyPhrase'
  | 'query.errors.unclosedParen'
  | 'query.errors.unexpectedCloseParen'
  | 'query.errors.emptyParens'
  | 'query.errors.operatorNeedsBothSides'
  | 'query.errors.notNeedsTerm'
  | 'query.errors.emptyMarker'
  | 'query.errors.prefixTooShort'
  | 'query.errors.nothingSearchable';

export interface QueryError {
  ok: false;
  /** English, for a person; the UI shows `messageKey` with `params` in the user's language. */
  message: string;
  /** 0-based character offset in the typed query where the problem is. */
  position: number;
  messageKey: QueryErrorKey;
  params: Record<string, string | number>;
}

/** `ast` is null for an empty query, which matches everything. */
export type ParseResult = { ok: true; ast: QueryNode | null } | QueryError;
