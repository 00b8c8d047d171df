import { decodeHTML } from 'entities';

/**
 * Element content as the feed meant it, read from the raw slice between an element's tags:
 * comments dropped, CDATA taken verbatim, everything else entity-decoded once (HTML's named
 * entities included, as feed readers do), trimmed; undefined when nothing is left. Same rules
 * feedsmith applies, so items read the same as before the switch to htmlparser2.
 * Entities are only ever looked up in the HTML table: a DOCTYPE's declarations are never
 * read, so billion laughs and external entities stay inert text.
 */
export function xmlText(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = decodeWithCdata(stripComments(raw)).trim();
  return value === '' ? undefined : value;
}

export function isXhtml(type: string | undefined): boolean {
  return type === 'xhtml' || type === 'application/xhtml+xml';
}

const XHTML_DIV_START = /^\s*<(?:([a-zA-Z][\w.-]*):)?div[\s/>]/;

/**
 * Atom type="xhtml" content is markup already: the wrapping div is removed (and its namespace
 * prefix from the tags inside) and the rest kept verbatim, entities and all, for the sanitizer.
 */
export function xhtmlText(raw: string): string | undefined {
  const escaped = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, content: string) =>
    content.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
  );
  const match = XHTML_DIV_START.exec(escaped);
  if (!match) return xmlText(raw);
  const prefix = match[1];
  const trimmed = escaped.trim();
  const close = `</${prefix ? `${prefix}:` : ''}div>`;
  const openEnd = trimmed.indexOf('>');
  if (trimmed[openEnd - 1] === '/' || !trimmed.endsWith(close)) return trimmed === '' ? undefined : trimmed;
  let inner = trimmed.slice(openEnd + 1, trimmed.length - close.length);
  if (prefix) inner = inner.replace(new RegExp(`(</?)${prefix.replace(/\./g, '\\.')}:`, 'g'), '$1');
  inner = inner.trim();
  return inner === '' ? undefined : inner;
}

function hasEntities(text: string): boolean {
  const amp = text.indexOf('&');
  return amp !== -1 && text.indexOf(';', amp) !== -1;
}

function decode(text: string): string {
  return hasEntities(text) ? decodeHTML(text) : text;
}

function stripComments(text: string): string {
  let at = text.indexOf('<!--');
  if (at === -1) return text;
  let result = '';
  let last = 0;
  while (at !== -1) {
    result += text.slice(last, at);
    const end = text.indexOf('-->', at + 4);
    if (end === -1) return text;
    last = end + 3;
    at = text.indexOf('<!--', last);
  }
  return result + text.slice(last);
}

function decodeWithCdata(text: string): string {
  let at = text.indexOf('<![CDATA[');
  if (at === -1) return decode(text);
  let result = '';
  let last = 0;
  while (at !== -1) {
    result += decode(text.slice(last, at));
    const end = text.indexOf(']]>', at + 9);
    if (end === -1) return decode(text);
    result += text.slice(at + 9, end);
    last = end + 3;
    at = text.indexOf('<![CDATA[', last);
  }
  return result + decode(text.slice(last));
}

const EMAIL = /^[^\s@()<>[\]]+@[^\s@()<>[\]]+\.[^\s@()<>[\]]+$/;
const URL_LIKE = /^(?:https?:\/\/|www\.)[^\s]+\.[^\s]+$/;
const MAILTO = /^mailto:/i;

function stripMailto(value: string): string {
  const stripped = value.replace(MAILTO, '');
  return stripped === value ? value : stripped.replace(/\?.*$/, '');
}

/**
 * The display name in an RSS <author> ("jo@x.test (Jo Doe)", "Jo Doe <jo@x.test>", "Jo"):
 * the name when there is one, else the address.
 */
export function rssAuthorName(raw: string): string | null {
  const simple = stripMailto(raw);
  if (URL_LIKE.test(simple)) return null;
  if (EMAIL.test(simple)) return simple;
  const names: string[] = [];
  let email: string | null = null;
  for (const chunk of raw.split(/[<>()[\]]/)) {
    const part = chunk.trim();
    if (part === '') continue;
    const stripped = stripMailto(part);
    if (email === null && EMAIL.test(stripped)) email = stripped;
    else if (!URL_LIKE.test(part)) {
      if (!/[@]|:\/\/|www\./.test(part)) names.push(part);
      else {
        // "Jo jo@x.test": words that are addresses are not the name.
        for (const word of part.split(/\s+/)) {
          const bare = stripMailto(word);
          if (email === null && EMAIL.test(bare)) email = bare;
          else if (!URL_LIKE.test(word)) names.push(word);
        }
      }
    }
  }
  const name = names
    .join(' ')
    .replace(/^[\s,\-|/:;]+|[\s,\-|/:;]+$/g, '')
    .trim();
  return name !== '' ? name : email;
}
