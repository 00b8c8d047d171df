import { Parser, type Handler } from 'htmlparser2';
import {
  ALLOWED_TAGS,
  BLOCK_TAGS,
  COMMON_ATTRIBUTES,
  DROP_WITH_CONTENT,
  EMPTY_ALLOWED,
  LINK_PROTOCOLS,
  MEDIA_PROTOCOLS,
  TAG_ATTRIBUTES,
  URL_ATTRIBUTES,
  VOID_TAGS,
} from './allow-list';

/**
 * The allow-list applied in one htmlparser2 pass (entities decoded, no DOM), writing the
 * output from scratch: an allowed tag name, its allowed attributes with every value quoted
 * and escaped, and escaped text. Nothing of the input's markup is copied through, so the
 * output can hold no element or attribute the lists do not name, whatever the input's
 * tricks; it also collects the plain text in the same pass.
 *
 * It does what sanitize-html does with the same lists (the tests compare the two on the
 * corpus and on hostile markup), without the machinery for options this app never sets
 * (allowed script/style/textarea/iframe, classes, styles, srcset, nesting limits), which is
 * most of sanitize-html's cost per tag: it made a first poll slower than rss-parser.
 */

const ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ALLOWED_TAGS.map((tag) => [tag, new Set([...COMMON_ATTRIBUTES, ...(TAG_ATTRIBUTES[tag] ?? [])])]),
);
const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set(DROP_WITH_CONTENT);

interface Frame {
  tag: string;
  /** Its tags were not written (its content may be). */
  dropped: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const TEXT_SPECIAL = /[&<>]/g;
const ATTRIBUTE_SPECIAL = /[&<>"]/g;
const escapeChar = (c: string) => ESCAPES[c] ?? c;

function escapeText(text: string): string {
  TEXT_SPECIAL.lastIndex = 0;
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL, escapeChar) : text;
}

function escapeAttribute(value: string): string {
  ATTRIBUTE_SPECIAL.lastIndex = 0;
  return ATTRIBUTE_SPECIAL.test(value) ? value.replace(ATTRIBUTE_SPECIAL, escapeChar) : value;
}

function safeUrl(value: string, base: URL | null, protocols: ReadonlySet<string>): string | null {
  let url: URL;
  try {
    url = base ? new URL(value.trim(), base) : new URL(value.trim());
  } catch {
    return null;
  }
  return protocols.has(url.protocol) ? url.href : null;
}

/** The state of the call in progress; filtering is synchronous, so one is enough. */
class FilterRun implements Partial<Handler> {
  out = '';
  text: string[] | null = null;
  base: URL | null = null;
  source = '';
  parser: Parser | null = null;
  private stack: Frame[] = [];
  /** Open elements inside one dropped with its content (that one counted): nothing is written. */
  private skipDepth = 0;
  /**
   * A browser reads <noscript> as raw text up to its first end tag; htmlparser2 reads markup
   * in it and may close it sooner (an ancestor's end tag). Until that offset nothing is
   * written, whatever htmlparser2 reports.
   */
  private rawTextEnd: number | null = null;
  private inRawText = false;

  start(source: string, base: URL | null, withText: boolean): void {
    this.out = '';
    this.text = withText ? [] : null;
    this.base = base;
    this.source = source;
    this.stack = [];
    this.skipDepth = 0;
    this.rawTextEnd = null;
    this.inRawText = false;
  }

  private leaveRawText(): void {
    if (this.rawTextEnd !== null && (this.parser?.startIndex ?? 0) >= this.rawTextEnd) {
      this.rawTextEnd = null;
      this.inRawText = false;
    }
  }

  private boundary(name: string): void {
    if (this.text !== null && BLOCK_TAGS.has(name)) this.text.push(' ');
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.boundary(name);
    this.leaveRawText();
    if (this.inRawText) return;
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    const allowed = ATTRIBUTES.get(name);
    this.stack.push({ tag: name, dropped: allowed === undefined });
    if (allowed === undefined) {
      if (DROPPED_WITH_CONTENT.has(name)) {
        this.skipDepth = 1;
        if (name === 'noscript') this.rawTextEnd = this.findRawTextEnd('noscript');
      }
      return;
    }
    this.out += this.openTag(name, attribs, allowed);
  }

  private openTag(name: string, attribs: Record<string, string>, allowed: ReadonlySet<string>): string {
    for (const attribute of URL_ATTRIBUTES) {
      const value = attribs[attribute];
      if (value === undefined || !allowed.has(attribute)) continue;
      const safe = safeUrl(value, this.base, name === 'a' ? LINK_PROTOCOLS : MEDIA_PROTOCOLS);
      if (safe === null) Reflect.deleteProperty(attribs, attribute);
      else attribs[attribute] = safe;
    }
    if (name === 'a') {
      attribs.rel = 'noopener noreferrer';
      attribs.target = '_blank';
    }
    let tag = `<${name}`;
    for (const attribute of Object.keys(attribs)) {
      if (!allowed.has(attribute)) continue;
      const value = attribs[attribute] ?? '';
      if (value !== '') tag += ` ${attribute}="${escapeAttribute(value)}"`;
      else if (attribute === EMPTY_ALLOWED) tag += ` ${attribute}=""`;
    }
    return `${tag}>`;
  }

  /** Where a browser ends a raw-text element: the first `</name` then whitespace, '/' or '>'. */
  private findRawTextEnd(name: string): number {
    const end = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'ig');
    end.lastIndex = (this.parser?.endIndex ?? 0) + 1;
    const match = end.exec(this.source);
    return match ? match.index : Number.POSITIVE_INFINITY;
  }

  ontext(text: string): void {
    this.leaveRawText();
    if (this.skipDepth > 0 || this.inRawText) return;
    this.out += escapeText(text);
    this.text?.push(text);
  }

  onclosetag(name: string): void {
    this.boundary(name);
    this.leaveRawText();
    if (this.inRawText) {
      // Still inside the browser's raw text: only elements opened before it close.
      if (this.stack[this.stack.length - 1]?.tag !== name) return;
    } else if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      if (this.skipDepth > 0) return;
      if (this.rawTextEnd !== null) this.inRawText = true;
    }
    const frame = this.stack[this.stack.length - 1];
    if (frame?.tag !== name) return;
    this.stack.pop();
    if (frame.dropped || VOID_TAGS.has(name)) return;
    this.out += `</${name}>`;
  }
}

const run = new FilterRun();
const parser = new Parser(run, { decodeEntities: true });
run.parser = parser;

function parseBase(baseUrl: string | undefined): URL | null {
  if (!baseUrl) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

/** Filtered HTML and, when asked, the text parts (block boundaries as single spaces, not yet collapsed). */
export function filterHtml(
  html: string,
  baseUrl: string | undefined,
  withText: boolean,
): { html: string; text: string } {
  run.start(html, parseBase(baseUrl), withText);
  try {
    parser.parseComplete(html);
    return { html: run.out, text: run.text ? run.text.join('') : '' };
  } finally {
    run.start('', null, false);
  }
}
