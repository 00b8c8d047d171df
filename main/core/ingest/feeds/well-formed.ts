import { XMLValidator } from 'fast-xml-parser';

/**
 * fast-xml-parser's full validator costs as much as parsing, so it runs only when the parse
 * failed or when one of these cheap scans finds a flaw the parser would read past: a bare
 * '&' (not a character or entity reference) outside CDATA and comments, or a document that
 * does not end by closing its root element (truncated, or more than one root).
 *
 * Feed text is untrusted: every scan here is a plain left-to-right (or right-to-left) walk
 * with indexOf, never a regex with a quantifier inside a quantified group, which can
 * backtrack exponentially (a 130-byte doctype once locked the ingest worker for good).
 * feed-regex-safety.test.ts checks the whole ingest tree for such patterns.
 */

/** '&' that does not start a reference. Entity names are not expanded, only recognised. */
const BARE_AMPERSAND = /&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)/;
const BARE_AMPERSAND_OR_SKIPPED =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;
const NAME = /[A-Za-z_][\w.:-]*/y;
/** How far the root's start tag may be: prolog, comments and doctype fit well within. */
const HEAD = 65_536;
/** Enough of the end to hold the root's end tag and any trailing comment. */
const TAIL = 4096;

function hasBareAmpersand(text: string): boolean {
  if (!BARE_AMPERSAND.test(text)) return false;
  for (const match of text.matchAll(BARE_AMPERSAND_OR_SKIPPED)) {
    if (match[0].startsWith('&')) return true;
  }
  return false;
}

function isXmlSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\r';
}

/** The index just past `close` found from `from`, or -1 when it never comes. */
function after(text: string, close: string, from: number): number {
  const at = text.indexOf(close, from);
  return at < 0 ? -1 : at + close.length;
}

/** Past a doctype's end: `[` opens the internal subset up to the first `]`, else `>` ends it. */
function afterDoctype(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const char = text[index];
    if (char === '>') return index + 1;
    if (char === '[') {
      const close = text.indexOf(']', index + 1);
      if (close < 0) return -1;
      index = close + 1;
    } else {
      index += 1;
    }
  }
  return -1;
}

/**
 * Where the prolog ends: whitespace, processing instructions, comments and the doctype
 * skipped, in one pass. -1 when one of them is never closed.
 */
export function afterProlog(text: string, from = 0): number {
  let index = from;
  while (index < text.length) {
    if (isXmlSpace(text[index])) index += 1;
    else if (text.startsWith('<?', index)) index = after(text, '?>', index + 2);
    else if (text.startsWith('<!--', index)) index = after(text, '-->', index + 4);
    else if (text.slice(index, index + 9).toUpperCase() === '<!DOCTYPE') index = afterDoctype(text, index + 9);
    else return index;
    if (index < 0) return -1;
  }
  return index;
}

/** The name of the root element's start tag, or null when the head holds none. */
function rootName(text: string): string | null {
  const head = text.slice(0, HEAD);
  const start = afterProlog(head);
  if (start < 0 || head[start] !== '<') return null;
  NAME.lastIndex = start + 1;
  return NAME.exec(head)?.[0] ?? null;
}

/** Where the document ends once trailing whitespace, comments and processing instructions are set aside. */
function beforeEpilog(text: string): number {
  let end = text.length;
  for (;;) {
    while (end > 0 && isXmlSpace(text[end - 1])) end -= 1;
    if (text.endsWith('-->', end)) {
      const open = text.lastIndexOf('<!--', end - 3);
      if (open < 0) return end;
      end = open;
    } else if (text.endsWith('?>', end)) {
      const open = text.lastIndexOf('<?', end - 2);
      if (open < 0) return end;
      end = open;
    } else {
      return end;
    }
  }
}

/** The name in the document's last end tag (`</name >`), or null when it does not end with one. */
function lastEndTagName(text: string): string | null {
  const tail = text.length > TAIL ? text.slice(-TAIL) : text;
  let end = beforeEpilog(tail);
  if (tail[end - 1] !== '>') return null;
  end -= 1;
  while (end > 0 && isXmlSpace(tail[end - 1])) end -= 1;
  const open = tail.lastIndexOf('</', end);
  if (open < 0) return null;
  NAME.lastIndex = open + 2;
  const name = NAME.exec(tail)?.[0];
  return name !== undefined && open + 2 + name.length === end ? name : null;
}

function closesRoot(text: string): boolean {
  const root = rootName(text);
  return root !== null && lastEndTagName(text) === root;
}

export function looksMalformed(text: string): boolean {
  return hasBareAmpersand(text) || !closesRoot(text);
}

/** Where a conforming XML parser stops, or null when the XML is well formed. */
export function malformedAt(text: string): { line: number; detail: string; message: string } | null {
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (validation === true) return null;
  const { line, msg } = validation.err;
  return { line, detail: msg, message: `The feed's XML is malformed near line ${line}: ${msg}` };
}

/** "The feed's XML is malformed near line N: …" or null when the XML is well formed. */
export function malformedMessage(text: string): string | null {
  return malformedAt(text)?.message ?? null;
}
