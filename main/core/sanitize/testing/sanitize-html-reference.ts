import sanitize from 'sanitize-html';
import {
  ALLOWED_TAGS,
  BLOCK_TAGS,
  COMMON_ATTRIBUTES,
  DROP_WITH_CONTENT,
  LINK_PROTOCOLS,
  MEDIA_PROTOCOLS,
  TAG_ATTRIBUTES,
  URL_ATTRIBUTES,
  VOID_TAGS,
} from '../allow-list';

/**
 * sanitize-html given the app's allow-list: the way-in sanitizer before html-filter.ts, kept
 * as the reference the filter is checked against (same output on the corpus and on hostile
 * markup), so the faster filter is held to a well-kept library's behaviour.
 */

let currentBase: URL | null = null;
let textParts: string[] | null = null;

function safeUrl(value: string, protocols: ReadonlySet<string>): string | null {
  let url: URL;
  try {
    url = currentBase ? new URL(value.trim(), currentBase) : new URL(value.trim());
  } catch {
    return null;
  }
  return protocols.has(url.protocol) ? url.href : null;
}

function transformTag(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  for (const name of URL_ATTRIBUTES) {
    const value = attribs[name];
    if (value === undefined) continue;
    const safe = safeUrl(value, tagName === 'a' ? LINK_PROTOCOLS : MEDIA_PROTOCOLS);
    if (safe === null) Reflect.deleteProperty(attribs, name);
    else attribs[name] = safe;
  }
  if (tagName === 'a') {
    attribs.rel = 'noopener noreferrer';
    attribs.target = '_blank';
  }
  return { tagName, attribs };
}

/** htmlparser2 decodes entities, sanitize-html re-escapes exactly these three in text. */
function unescapeText(escaped: string): string {
  return escaped.replace(/&(lt|gt|amp);/g, (_m, name: string) => (name === 'lt' ? '<' : name === 'gt' ? '>' : '&'));
}

function markBoundary(name: string): void {
  if (textParts && BLOCK_TAGS.has(name)) textParts.push(' ');
}

const OPTIONS: sanitize.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: {
    '*': [...COMMON_ATTRIBUTES],
    ...Object.fromEntries(Object.entries(TAG_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], blockquote: ['http', 'https'], q: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: [...URL_ATTRIBUTES],
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  parseStyleAttributes: false,
  disallowedTagsMode: 'discard',
  nonTextTags: [...DROP_WITH_CONTENT],
  selfClosing: [...VOID_TAGS],
  transformTags: { '*': transformTag },
  textFilter: (text) => {
    textParts?.push(unescapeText(text));
    return text;
  },
  onOpenTag: (name) => markBoundary(name),
  onCloseTag: (name) => markBoundary(name),
};

function parseBase(baseUrl: string | undefined): URL | null {
  if (!baseUrl) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

/** What html-filter.ts's filterHtml returns, computed by sanitize-html. */
export function referenceFilter(
  html: string,
  baseUrl: string | undefined,
  withText: boolean,
): { html: string; text: string } {
  currentBase = parseBase(baseUrl);
  textParts = withText ? [] : null;
  try {
    // sanitize-html writes void elements as "<br />"; '>' is escaped everywhere else.
    const clean = sanitize(html, OPTIONS).replaceAll(' />', '>');
    return { html: clean, text: textParts ? textParts.join('') : '' };
  } finally {
    currentBase = null;
    textParts = null;
  }
}
