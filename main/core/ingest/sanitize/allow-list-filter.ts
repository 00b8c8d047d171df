import { decodeHTMLAttribute } from 'entities';
import { Parser, type Handler } from 'htmlparser2';
import { decodeReferences } from './decode-references';
import { scanHtml } from './html-scan';

/**
 * The fast path of sanitize-html.ts: the same allow-list as sanitize-html applies with the
 * options sanitize-html.ts passes (discard mode, no classes, no styles, URL attributes vetted
 * by `transformTag`), on the same tokenization, without sanitize-html's per-call option setup
 * and per-element bookkeeping (frames, text accumulation, six regex passes per text run),
 * which cost ~6x the parse itself on feed HTML.
 *
 * Markup is tokenized by html-scan.ts, or by htmlparser2 (the parser sanitize-html uses) when
 * the scanner leaves it: both without entity decoding, which is done here with the same
 * `entities` package htmlparser2 decodes with, so text runs are skipped to the next '<'
 * instead of being stepped through.
 *
 * It writes byte for byte what sanitize-html writes, and gives up (returns null) on anything
 * where sanitize-html does more than "keep an allowed tag with its allowed attributes, drop a
 * disallowed one, drop a raw/foreign one with its content": <noscript> (sanitize-html keeps
 * discarding up to where a browser would end it), a URL the policy did not vet, or an event
 * order it does not expect. Those inputs go to sanitize-html. allow-list-filter.test.ts
 * checks the paths give the same output over the corpus and hostile and generated markup.
 */
export interface AllowListPolicy {
  allowedTags: ReadonlySet<string>;
  /** Attributes kept per allowed tag, '*' ones included. */
  attributesFor: (tag: string) => ReadonlySet<string> | undefined;
  /** Dropped with everything inside them (sanitize-html's nonTextTags in discard mode). */
  dropWithContent: ReadonlySet<string>;
  /** Void elements written without an end tag. */
  selfClosing: ReadonlySet<string>;
  /** Attributes that cannot be empty: an empty one is dropped (sanitize-html's nonBooleanAttributes). */
  nonBoolean: ReadonlySet<string>;
  /** Attributes written as name="" when empty (sanitize-html's allowedEmptyAttributes). */
  allowedEmpty: ReadonlySet<string>;
  /** Attributes holding a URL; their value must have passed `transformTag`. */
  urlAttributes: ReadonlySet<string>;
  /** What `transformTag` may have left in a URL attribute of this tag, by URL prefix. */
  isVettedUrl: (tag: string, value: string) => boolean;
  /** Rewrites attributes in place (URL resolution, link rel/target), for every tag, as sanitize-html calls it. */
  transformTag: (tag: string, attribs: Record<string, string>) => void;
  /** Elements whose boundaries separate words in the text. */
  blockTags: ReadonlySet<string>;
}

/** Thrown inside the parse to hand the input to sanitize-html. */
const GIVE_UP = Symbol('give up');

const TO_ESCAPE = /[&<>]/;

/** sanitize-html escapes exactly these in text... */
function escapeText(text: string): string {
  if (!TO_ESCAPE.test(text)) return text;
  let escaped = text.includes('&') ? text.replaceAll('&', '&amp;') : text;
  if (escaped.includes('<')) escaped = escaped.replaceAll('<', '&lt;');
  return escaped.includes('>') ? escaped.replaceAll('>', '&gt;') : escaped;
}

/** ...and these four in attribute values. */
function escapeAttribute(value: string): string {
  const escaped = escapeText(value);
  return escaped.includes('"') ? escaped.replaceAll('"', '&quot;') : escaped;
}

const attributeHints = new WeakMap<AllowListPolicy, Map<string, RegExp>>();

/**
 * Matches attribute source text that may hold an attribute `tag` keeps; undefined for tags not
 * kept. Case-blind: the only non-ASCII character that lower-cases to an ASCII letter is the
 * Kelvin sign ('k'), in no attribute name kept, so a name that lower-cases to a kept one always
 * matches (the reverse, a needless match, only costs reading the attributes).
 */
function attributeHint(policy: AllowListPolicy, tag: string): RegExp | undefined {
  let hints = attributeHints.get(policy);
  if (!hints) {
    hints = new Map();
    for (const allowed of policy.allowedTags) {
      const names = [...(policy.attributesFor(allowed) ?? [])].map((name) => name.replace(/[^a-z0-9]/g, '\\$&'));
      hints.set(allowed, new RegExp(names.length > 0 ? names.join('|') : '(?!)', 'i'));
    }
    attributeHints.set(policy, hints);
  }
  return hints.get(tag);
}

class AllowListHandler implements Partial<Handler> {
  html = '';
  /** The text runs and a space at each block boundary, before whitespace is collapsed; null when not wanted. */
  text: string | null;
  /** Open elements, as sanitize-html's frames: the tag and whether it was written. */
  private readonly open: string[] = [];
  private readonly written: boolean[] = [];
  /** Inside a drop-with-content element: its nesting depth, else 0. */
  private dropDepth = 0;

  constructor(
    private readonly policy: AllowListPolicy,
    withText: boolean,
  ) {
    this.text = withText ? '' : null;
  }

  needsAttributes(name: string, source: string): boolean {
    if (this.dropDepth > 0) return false;
    return attributeHint(this.policy, name)?.test(source) ?? false;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    const policy = this.policy;
    if (this.text !== null && policy.blockTags.has(name)) this.text += ' ';
    if (this.dropDepth > 0) {
      this.dropDepth += 1;
      return;
    }
    if (name === 'noscript') throw GIVE_UP;
    this.open.push(name);
    if (!policy.allowedTags.has(name)) {
      this.written.push(false);
      if (policy.dropWithContent.has(name)) this.dropDepth = 1;
      return;
    }
    this.written.push(true);
    for (const attribute of Object.keys(attribs)) {
      const value = attribs[attribute];
      if (value?.includes('&')) attribs[attribute] = decodeHTMLAttribute(value);
    }
    // sanitize-html transforms disallowed tags too, but their attributes are never written.
    policy.transformTag(name, attribs);
    const allowed = policy.attributesFor(name);
    let tag = `<${name}`;
    for (const attribute of Object.keys(attribs)) {
      if (!allowed?.has(attribute)) continue;
      const value = attribs[attribute] ?? '';
      if (value === '') {
        if (policy.allowedEmpty.has(attribute)) tag += ` ${attribute}=""`;
        else if (!policy.nonBoolean.has(attribute)) tag += ` ${attribute}`;
        continue;
      }
      if (policy.urlAttributes.has(attribute) && !policy.isVettedUrl(name, value)) throw GIVE_UP;
      tag += ` ${attribute}="${escapeAttribute(value)}"`;
    }
    this.html += `${tag}>`;
  }

  ontext(raw: string): void {
    if (this.dropDepth > 0) return;
    // Decoded here rather than by htmlparser2, which then skips to the next '<' instead of stepping through text.
    const text = raw.includes('&') ? decodeReferences(raw) : raw;
    this.html += escapeText(text);
    if (this.text !== null) this.text += text;
  }

  onclosetag(name: string): void {
    if (this.text !== null && this.policy.blockTags.has(name)) this.text += ' ';
    if (this.dropDepth > 0) {
      this.dropDepth -= 1;
      if (this.dropDepth > 0) return;
    }
    // htmlparser2 closes elements in the order it opened them; anything else is sanitize-html's to judge.
    if (this.open.pop() !== name) throw GIVE_UP;
    const written = this.written.pop();
    if (written && !this.policy.selfClosing.has(name)) this.html += `</${name}>`;
  }
}

/**
 * Sanitized HTML and, when `withText`, the text with a space at each block boundary (whitespace
 * not yet collapsed); null when the input needs sanitize-html itself.
 */
export function filterAllowList(
  html: string,
  policy: AllowListPolicy,
  withText: boolean,
): { html: string; text: string | null } | null {
  let handler = new AllowListHandler(policy, withText);
  try {
    if (!scanHtml(html, handler)) {
      // Markup the fast tokenizer leaves to htmlparser2: start over with it.
      handler = new AllowListHandler(policy, withText);
      new Parser(handler, { decodeEntities: false }).end(html);
    }
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
  return { html: handler.html, text: handler.text };
}
