/**
 * A fast path for tokenizing feed HTML: indexOf and sticky regexes instead of htmlparser2's
 * character-by-character tokenizer, which was most of the allow-list filter's time.
 *
 * It sends the events htmlparser2's Parser sends in HTML mode without entity decoding (names
 * lower-cased, "image" read as "img", an element opening implicitly closing others, void
 * elements, `</p>` and `</br>` with nothing open, raw text up to its end tag, the closes at the
 * end), but only for markup whose tokenizing is unambiguous: tags with whitespace-separated
 * attributes, comments without `--` inside, a DOCTYPE. On anything else it stops and returns
 * false and the caller runs htmlparser2 itself: SVG and MathML (foreign content), <form> (a
 * second one is ignored), <plaintext>, bogus comments, CDATA, processing instructions.
 * Whatever it reads, the allow-list filter still writes only allowed tags and attributes with
 * every value and text escaped; allow-list-filter.test.ts checks the events are htmlparser2's
 * and the output sanitize-html's over the corpus, hostile and generated markup.
 */

/** What the allow-list filter asks of whoever drives it. */
export interface HtmlEvents {
  onopentag(name: string, attribs: Record<string, string>): void;
  ontext(text: string): void;
  onclosetag(name: string): void;
  /**
   * False when the attributes written as `source` (names not yet lower-cased) cannot matter
   * for the tag about to open: it then gets {} instead, without them being read.
   */
  needsAttributes?(name: string, source: string): boolean;
}

/** htmlparser2's tables (Parser.js), for the events it derives from tags. */
const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P],
  ['h1', HEADINGS],
  ['h2', HEADINGS],
  ['h3', HEADINGS],
  ['h4', HEADINGS],
  ['h5', HEADINGS],
  ['h6', HEADINGS],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['address', P],
  ['article', P],
  ['aside', P],
  ['blockquote', P],
  ['details', P],
  ['div', P],
  ['dl', P],
  ['fieldset', P],
  ['figcaption', P],
  ['figure', P],
  ['footer', P],
  ['form', P],
  ['header', P],
  ['hr', P],
  ['main', P],
  ['nav', P],
  ['ol', P],
  ['pre', P],
  ['section', P],
  ['table', P],
  ['ul', P],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
]);
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/**
 * Tags after which htmlparser2 reads differently in ways this scanner does not follow:
 * foreign content, the ignored second <form>, text to the end of the document, and
 * <noscript> (sanitize-html's to judge).
 */
const LEFT_TO_HTMLPARSER2 = new Set(['svg', 'math', 'form', 'plaintext', 'noscript']);

/** Letters of a name as a case-blind pattern without the `i` flag, which also folds non-ASCII letters. */
function caseBlind(name: string): string {
  return [...name].map((c) => `[${c}${c.toUpperCase()}]`).join('');
}

/**
 * Raw text and RCDATA elements: their content is text up to the first `</name` followed by
 * whitespace, '/' or '>' (htmlparser2's special tags).
 */
const RAW_TEXT_END = new Map(
  ['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes'].map((name) => [
    name,
    new RegExp(`</${caseBlind(name)}[ \\t\\n\\f\\r/>]`, 'g'),
  ]),
);
/**
 * htmlparser2 matches those end tags on `c | 0x20`, so U+001C and U+000F can stand for '<' and
 * '/' there; raw text holding either is left to it.
 */
function hasEndTagLookalike(html: string, from: number, to: number): boolean {
  for (const lookalike of ['\u001c', '\u000f']) {
    const at = html.indexOf(lookalike, from);
    if (at !== -1 && at < to) return true;
  }
  return false;
}

/** htmlparser2's whitespace: the five characters that end a name, not all of \s. */
const WS = '[ \\t\\n\\f\\r]';
/** An attribute: a name (not starting with a character htmlparser2 reads oddly), maybe a value. */
const ATTRIBUTE_NAME = `[^ \\t\\n\\f\\r/>="'<][^ \\t\\n\\f\\r/>=]*`;
const UNQUOTED = `[^ \\t\\n\\f\\r>"'=<\`][^ \\t\\n\\f\\r>]*`;
const ATTRIBUTE_SOURCE = `(${ATTRIBUTE_NAME})(?:${WS}*=${WS}*(?:"([^"]*)"|'([^']*)'|(${UNQUOTED})))?`;
const OPEN_TAG = new RegExp(
  `<([a-zA-Z][^ \\t\\n\\f\\r/>]*)((?:${WS}+${ATTRIBUTE_NAME}(?:${WS}*=${WS}*(?:"[^"]*"|'[^']*'|${UNQUOTED}))?)*)${WS}*/?>`,
  'y',
);
const ATTRIBUTE = new RegExp(ATTRIBUTE_SOURCE, 'g');
/** htmlparser2 skips whatever follows an end tag's name up to the next '>'. */
const CLOSE_TAG = /<\/([a-zA-Z][^ \t\n\f\r/>]*)[^>]*>/y;
const DOCTYPE = /<!doctype[^<>]*>/iy;

function readAttributes(source: string): Record<string, string> {
  const attribs: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(source); match !== null; match = ATTRIBUTE.exec(source)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!Object.hasOwn(attribs, name)) attribs[name] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attribs;
}

function tagName(raw: string): string {
  const name = raw.toLowerCase();
  return name === 'image' ? 'img' : name;
}

/** Open elements, innermost last, and the events htmlparser2 derives from them. */
class OpenElements {
  private readonly stack: string[] = [];

  constructor(private readonly events: HtmlEvents) {}

  open(name: string, attribs: Record<string, string>): void {
    const implied = OPEN_IMPLIES_CLOSE.get(name);
    if (implied) {
      while (this.stack.length > 0 && implied.has(this.stack[this.stack.length - 1] ?? '')) this.pop();
    }
    const isVoid = VOID_ELEMENTS.has(name);
    if (!isVoid) this.stack.push(name);
    this.events.onopentag(name, attribs);
    if (isVoid) this.events.onclosetag(name);
  }

  close(name: string): void {
    if (VOID_ELEMENTS.has(name)) {
      if (name === 'br') {
        this.events.onopentag('br', {});
        this.events.onclosetag('br');
      }
      return;
    }
    const at = this.stack.lastIndexOf(name);
    if (at !== -1) {
      while (this.stack.length > at) this.pop();
    } else if (name === 'p') {
      this.open('p', {});
      this.pop();
    }
  }

  end(): void {
    while (this.stack.length > 0) this.pop();
  }

  private pop(): void {
    this.events.onclosetag(this.stack.pop() ?? '');
  }
}

/** Sends `html`'s events to `events`; false as soon as something needs htmlparser2 (some events may have gone out). */
export function scanHtml(html: string, events: HtmlEvents): boolean {
  const elements = new OpenElements(events);
  let at = 0;
  let textStart = 0;
  for (let lt = html.indexOf('<', at); lt !== -1; lt = html.indexOf('<', at)) {
    const next = html.charCodeAt(lt + 1);
    const lower = next | 0x20;
    let end: number;
    if (lower >= 0x61 && lower <= 0x7a) {
      // A plain name and '>' needs no regex; anything else (attributes, '/>') goes through it.
      const nameEnd = alphanumericEnd(html, lt + 2);
      let rawName: string;
      let attributes = '';
      if (html.charCodeAt(nameEnd) === 0x3e) {
        rawName = html.slice(lt + 1, nameEnd);
        end = nameEnd + 1;
      } else {
        OPEN_TAG.lastIndex = lt;
        const match = OPEN_TAG.exec(html);
        if (!match) return false;
        rawName = match[1] ?? '';
        attributes = match[2] ?? '';
        end = OPEN_TAG.lastIndex;
      }
      const name = tagName(rawName);
      if (LEFT_TO_HTMLPARSER2.has(name)) return false;
      if (lt > textStart) events.ontext(html.slice(textStart, lt));
      const needed = attributes !== '' && (events.needsAttributes?.(name, attributes) ?? true);
      elements.open(name, needed ? readAttributes(attributes) : {});
      const rawTextEnd = RAW_TEXT_END.get(name);
      if (rawTextEnd) {
        end = readRawText(html, end, name, rawTextEnd, events, elements);
        if (end === -1) return false;
      }
    } else if (next === 0x2f) {
      const after = html.charCodeAt(lt + 2) | 0x20;
      if (after < 0x61 || after > 0x7a) return false;
      // Most end tags are a plain name and '>': no need for the regex then.
      const nameEnd = alphanumericEnd(html, lt + 3);
      let name: string;
      if (html.charCodeAt(nameEnd) === 0x3e) {
        name = html.slice(lt + 2, nameEnd);
        end = nameEnd + 1;
      } else {
        CLOSE_TAG.lastIndex = lt;
        const match = CLOSE_TAG.exec(html);
        if (!match) return false;
        name = match[1] ?? '';
        end = CLOSE_TAG.lastIndex;
      }
      if (lt > textStart) events.ontext(html.slice(textStart, lt));
      elements.close(tagName(name));
    } else if (next === 0x21) {
      end = skipDeclaration(html, lt);
      if (end === -1) return false;
      if (lt > textStart) events.ontext(html.slice(textStart, lt));
    } else if (next === 0x3f) {
      return false;
    } else {
      // Not a tag: the '<' is text.
      at = lt + 1;
      continue;
    }
    at = end;
    textStart = end;
  }
  if (html.length > textStart) events.ontext(html.slice(textStart));
  elements.end();
  return true;
}

/**
 * The content of a raw text element opened just before `from`, and its end tag: where reading
 * goes on, html.length when the element runs to the end, -1 when htmlparser2 might read it otherwise.
 */
function readRawText(
  html: string,
  from: number,
  name: string,
  endPattern: RegExp,
  events: HtmlEvents,
  elements: OpenElements,
): number {
  endPattern.lastIndex = from;
  const endTag = endPattern.exec(html);
  const textEnd = endTag ? endTag.index : html.length;
  if (hasEndTagLookalike(html, from, textEnd)) return -1;
  if (textEnd > from) events.ontext(html.slice(from, textEnd));
  if (!endTag) return html.length;
  // The end tag's name ends at the character the pattern matched last; what follows is skipped to '>'.
  const close = html.indexOf('>', textEnd + 2 + name.length);
  if (close === -1) return -1;
  elements.close(name);
  return close + 1;
}

/** Where a run of ASCII letters and digits starting at `from` ends. */
function alphanumericEnd(html: string, from: number): number {
  let at = from;
  for (;;) {
    const c = html.charCodeAt(at);
    const lower = c | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39)) at += 1;
    else return at;
  }
}

/** Just past a comment or DOCTYPE at `lt`; -1 when htmlparser2 might read it differently. */
function skipDeclaration(html: string, lt: number): number {
  if (html.startsWith('<!--', lt)) {
    const close = html.indexOf('-->', lt + 4);
    // "--" inside, or "<!-->" and "<!--->" (closed at once in HTML), are where readings differ.
    if (close === -1 || html.indexOf('--', lt + 4) !== close) return -1;
    const first = html.charCodeAt(lt + 4);
    if (first === 0x3e || (first === 0x2d && html.charCodeAt(lt + 5) === 0x3e)) return -1;
    return close + 3;
  }
  DOCTYPE.lastIndex = lt;
  return DOCTYPE.test(html) ? DOCTYPE.lastIndex : -1;
}
