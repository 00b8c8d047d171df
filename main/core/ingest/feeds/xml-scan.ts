/**
 * A fast path for reading well-formed feed XML: indexOf and sticky regexes instead of
 * htmlparser2's character-by-character tokenizer, which was a third of reading a feed.
 *
 * It gives the events htmlparser2's Parser gives in the mode xml-feed.ts uses (xmlMode, no
 * entity decoding, lower-cased names), with the same startIndex and endIndex, but only for
 * markup whose reading is unambiguous: quoted attributes separated by whitespace, end tags
 * written `</name>` that close the element open, comments without `--` inside, CDATA,
 * processing instructions, a DOCTYPE without an internal subset. On anything else it stops
 * and returns false, and the caller reads the document with htmlparser2 instead, whose
 * recovery from broken markup (and the `suspect` flag it feeds) stays the reference.
 * xml-scan.test.ts compares the two readings over the corpus and generated documents.
 */

/** What the feed reader asks of whoever drives it. */
export interface TagEvents {
  onopentag(name: string, attribs: Record<string, string>): void;
  onclosetag(name: string, implied: boolean): void;
  /** False when the next tag's attributes cannot matter: it then gets {} without them being read. */
  needsAttributes?(): boolean;
}

/** htmlparser2's whitespace: the five characters that end a tag name, not all of \s. */
const WS = '[ \\t\\n\\f\\r]';
const NAME = '[^ \\t\\n\\f\\r/>]+';
const ATTRIBUTE_NAME = '[^ \\t\\n\\f\\r/>=]+';
const QUOTED = `(?:"[^"]*"|'[^']*')`;
const OPEN_TAG = new RegExp(`<(${NAME})((?:${WS}+${ATTRIBUTE_NAME}${WS}*=${WS}*${QUOTED})*)${WS}*(/?)>`, 'y');
const ATTRIBUTE = new RegExp(`(${ATTRIBUTE_NAME})${WS}*=${WS}*(?:"([^"]*)"|'([^']*)')`, 'g');
const CLOSE_TAG = new RegExp(`</(${NAME})>`, 'y');
const DECLARATION = /<![A-Za-z][^[<>]*>/y;

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

/** Attributes as htmlparser2 collects them: names lower-cased, the first of a repeated name wins. */
function readAttributes(source: string): Record<string, string> {
  const attribs: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(source); match !== null; match = ATTRIBUTE.exec(source)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!Object.hasOwn(attribs, name)) attribs[name] = match[2] ?? match[3] ?? '';
  }
  return attribs;
}

export class FastXmlScanner {
  /** htmlparser2's Parser.startIndex and endIndex during the current event. */
  startIndex = 0;
  endIndex = 0;
  private paused = false;

  pause(): void {
    this.paused = true;
  }

  /** Sends every tag of `text` to `events`; false as soon as something needs htmlparser2. */
  run(text: string, events: TagEvents): boolean {
    const open: string[] = [];
    /** Where the next token or text run starts. */
    let at = 0;
    /** htmlparser2's startIndex between events: just after the last one (or at the '<' after text). */
    let start = 0;
    while (!this.paused) {
      const lt = text.indexOf('<', at);
      if (lt === -1) break;
      if (lt > at) start = lt;
      const next = text.charCodeAt(lt + 1);
      let end: number;
      if (next === SLASH) {
        CLOSE_TAG.lastIndex = lt;
        const name = CLOSE_TAG.exec(text)?.[1]?.toLowerCase();
        if (name === undefined || name !== open[open.length - 1]) return false;
        open.pop();
        end = CLOSE_TAG.lastIndex - 1;
        this.startIndex = start;
        this.endIndex = end;
        events.onclosetag(name, false);
      } else if (next === BANG) {
        end = this.skipDeclaration(text, lt);
        if (end === -1) return false;
      } else if (next === QUESTION) {
        const question = text.indexOf('?>', lt + 2);
        if (question === -1) return false;
        // htmlparser2 ends a processing instruction's event on its '?', so startIndex lands on '>'.
        at = question + 2;
        start = question + 1;
        continue;
      } else {
        OPEN_TAG.lastIndex = lt;
        const match = OPEN_TAG.exec(text);
        if (!match) return false;
        const name = (match[1] ?? '').toLowerCase();
        end = OPEN_TAG.lastIndex - 1;
        this.startIndex = start;
        this.endIndex = end;
        const needed = match[2] && (events.needsAttributes?.() ?? true);
        events.onopentag(name, needed ? readAttributes(match[2] ?? '') : {});
        if (match[3]) {
          // A self-closing tag closes at once, as an implied close from where it opened.
          this.startIndex = start;
          events.onclosetag(name, true);
        } else {
          open.push(name);
        }
      }
      at = end + 1;
      start = at;
    }
    return !this.paused && open.length === 0;
  }

  /** End of a comment, CDATA section or DOCTYPE at `lt`; -1 when its reading could differ. */
  private skipDeclaration(text: string, lt: number): number {
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      // "--" inside a comment (or "--->") is where tokenizers disagree.
      if (close === -1 || text.indexOf('--', lt + 4) !== close) return -1;
      return close + 2;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close === -1 || text.charCodeAt(close - 1) === 0x5d) return -1;
      return close + 2;
    }
    DECLARATION.lastIndex = lt;
    return DECLARATION.test(text) ? DECLARATION.lastIndex - 1 : -1;
  }
}
