import { XMLValidator } from 'fast-xml-parser';

/**
 * fast-xml-parser's full validator costs as much as parsing, so it runs only when the parse
 * failed or when one of these cheap scans finds a flaw the parser would read past: a bare
 * '&' (not a character or entity reference) outside CDATA and comments, or a document that
 * does not end by closing its root element (truncated, or more than one root).
 */

/** '&' that does not start a reference. Entity names are not expanded, only recognised. */
const BARE_AMPERSAND = /&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)/;
const BARE_AMPERSAND_OR_SKIPPED =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;
/**
 * Prolog, comments and doctype (with its internal subset) before the root's start tag. One
 * whitespace character per step: a nested quantifier could backtrack exponentially.
 */
const ROOT_START = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*<([A-Za-z_][\w.:-]*)/i;
const TRAILING_END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*$/;
/** Enough of the end to hold the root's end tag and any trailing comment. */
const TAIL = 4096;

function hasBareAmpersand(text: string): boolean {
  if (!BARE_AMPERSAND.test(text)) return false;
  for (const match of text.matchAll(BARE_AMPERSAND_OR_SKIPPED)) {
    if (match[0].startsWith('&')) return true;
  }
  return false;
}

function closesRoot(text: string): boolean {
  const root = ROOT_START.exec(text.slice(0, 65_536))?.[1];
  if (root === undefined) return false;
  const end = TRAILING_END_TAG.exec(text.length > TAIL ? text.slice(-TAIL) : text)?.[1];
  return end === root;
}

export function looksMalformed(text: string): boolean {
  return hasBareAmpersand(text) || !closesRoot(text);
}

/** "The feed's XML is malformed near line N: …" or null when the XML is well formed. */
export function malformedMessage(text: string): string | null {
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (validation === true) return null;
  const { line, msg } = validation.err;
  return `The feed's XML is malformed near line ${line}: ${msg}`;
}
