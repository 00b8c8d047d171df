import { Parser } from 'htmlparser2';
import { resolveBase, type RawEntry } from './item-fields';
import { EntryDraft, type TextField } from './entry-draft';
import type { XmlFeedFormat } from './xml-feed-format';
import { xmlText } from './xml-text';

/**
 * One streaming pass of htmlparser2 (xmlMode, no entity decoding, no DOM) over an RSS 0.9x/2.0,
 * RSS 1.0 (RDF) or Atom document. Field content is sliced raw from the source between an
 * element's tags and decoded by xmlText, so unescaped HTML in a description reads as the
 * feed's author meant it. htmlparser2 never reads a DOCTYPE's entity declarations.
 *
 * htmlparser2 recovers from any markup; `suspect` records what a conforming XML parser would
 * reject (a mismatched, stray or missing end tag outside raw-read content, a second root) so
 * that the caller runs the full validator only then.
 */
export type { XmlFeedFormat } from './xml-feed-format';

export interface XmlFeed {
  /** null: the root element is not a feed's. */
  format: XmlFeedFormat | null;
  title: string | undefined;
  language: string | undefined;
  /** The fetched URL overridden by the root's xml:base. */
  base: string | null;
  entries: RawEntry[];
  /** Entries the document ended inside of (a truncated download): left out, they are incomplete. */
  truncated: number;
  /** Entries kept though nothing in them could be read. */
  empty: number;
  suspect: boolean;
  /** Nesting beyond MAX_DEPTH: reading stopped there. */
  tooDeep: boolean;
}

/**
 * Feeds nest a dozen levels, unescaped HTML inside them a few dozen more. htmlparser2 looks up
 * every end tag in its open-element stack, so deep nesting closed by stray end tags costs
 * quadratic time; reading stops at this depth instead.
 */
const MAX_DEPTH = 512;

/** Namespaces read under a fixed prefix whatever prefix the document declares for them. */
const KNOWN_NAMESPACES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^https?:\/\/www\.w3\.org\/2005\/atom\/?$|^https?:\/\/purl\.org\/atom\/ns#$/i, 'atom'],
  [/^https?:\/\/purl\.org\/rss\/1\.0\/?$|^https?:\/\/channel\.netscape\.com\/rdf\/simple\/0\.9\/?$/i, ''],
  [/^https?:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#$/i, 'rdf'],
  [
    /^https?:\/\/purl\.org\/dc\/elements\/1\.[01]\/?$|^https?:\/\/dublincore\.org\/documents\/dcmi-namespace\/?$/i,
    'dc',
  ],
  [/^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/i, 'content'],
  [
    /^https?:\/\/(?:(?:video\.|tools\.)?search\.yahoo\.com\/mrss|www\.rssboard\.org\/media-rss|search\.yahoo\.com\/searchmonkey\/media)\/?$/i,
    'media',
  ],
  [/^https?:\/\/www\.itunes\.com\/dtds\/podcast-1\.0\.dtd$/i, 'itunes'],
  [/^https?:\/\/purl\.org\/dc\/terms\/?$/i, 'dcterms'],
  [/^https?:\/\/www\.w3\.org\/1999\/xhtml\/?$/i, 'xhtml'],
];

/** Namespace URIs seen so far; feeds repeat the same few declarations on every item. */
const prefixCache = new Map<string, string | null>();

function canonicalPrefix(uri: string): string | undefined {
  let prefix = prefixCache.get(uri);
  if (prefix === undefined) {
    const trimmed = uri.trim();
    prefix = KNOWN_NAMESPACES.find(([pattern]) => pattern.test(trimmed))?.[1] ?? null;
    if (prefixCache.size < 256) prefixCache.set(uri, prefix);
  }
  return prefix ?? undefined;
}

/** Fields read from the feed itself, by element name relative to the channel (or feed). */
const FEED_FIELDS: Readonly<Record<string, 'title' | 'language' | 'dcLanguage'>> = {
  title: 'title',
  language: 'language',
  'dc:language': 'dcLanguage',
};

class FeedReader {
  format: XmlFeedFormat | null = null;
  suspect = false;
  tooDeep = false;
  readonly entries: EntryDraft[] = [];
  truncated = 0;
  empty = 0;
  /** Set once the whole text is written: closes from now on are the parser ending what was left open. */
  ending = false;
  readonly feed: {
    title?: string;
    language?: string;
    dcLanguage?: string;
    lang?: string;
    base?: string;
    author?: string;
  } = {};
  /** xml:lang in force at each open depth outside entries ('' where one was cleared). */
  private readonly langs: Array<string | undefined> = [];
  private readonly seenFeed = new Set<string>();
  private depth = 0;
  private rootClosed = false;
  /** Depth of the element whose children are feed-level fields (channel, or Atom's feed). */
  private channelDepth = -1;
  private entry: EntryDraft | null = null;
  private entryDepth = -1;
  /** Where the open entry's start tag begins in the text. */
  private entryStart = 0;
  private groupDepth = -1;
  private authorDepth = -1;
  private capture: {
    field: TextField | 'feed' | 'feedAuthor';
    name: string;
    depth: number;
    start: number;
    prefix: string | undefined;
  } | null = null;
  /** Depth of the feed-level Atom author, whose name stands for entries without one. */
  private feedAuthorDepth = -1;
  private lastOpenStart = -1;
  /** Prefix (as written) to canonical prefix; empty for most documents. */
  private readonly prefixes = new Map<string, string>();
  closeEvents = 0;
  parser: Parser | null = null;

  constructor(private readonly text: string) {}

  private canonical(name: string): string {
    const colon = name.indexOf(':');
    if (colon === -1) return name;
    const prefix = this.prefixes.get(name.slice(0, colon));
    if (prefix === undefined) return name;
    const local = name.slice(colon + 1);
    return prefix === '' ? local : `${prefix}:${local}`;
  }

  private declareNamespaces(attribs: Record<string, string>): void {
    for (const key in attribs) {
      if (!key.startsWith('xmlns:')) continue;
      const declared = key.slice(6);
      const prefix = canonicalPrefix(attribs[key] ?? '');
      if (prefix !== undefined && prefix !== declared) this.prefixes.set(declared, prefix);
    }
  }

  onopentag(rawName: string, attribs: Record<string, string>): void {
    const parser = this.parser;
    if (!parser) return;
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      this.tooDeep = true;
      this.suspect = true;
      parser.pause();
      return;
    }
    this.lastOpenStart = parser.startIndex;
    if (this.capture) return;
    this.declareNamespaces(attribs);
    if (this.depth === 1) {
      if (this.rootClosed) this.suspect = true;
      this.openRoot(this.canonical(rawName), attribs);
      return;
    }
    if (this.format === null || this.rootClosed) return;
    let name = this.canonical(rawName);
    if (this.format === 'atom' && name.startsWith('atom:')) name = name.slice(5);
    const start = parser.endIndex + 1;
    const colon = rawName.indexOf(':');
    const prefix = colon === -1 ? undefined : rawName.slice(0, colon);
    // An entry that opens inside one never closed: the first ended where the next begins.
    // A self-closed one (feedburner writes `<item/>` inside items) is an empty child, not an entry.
    if (this.entry && this.isEntry(name) && this.text[parser.endIndex - 1] !== '/') {
      this.finishEntry(false, parser.startIndex);
    }
    const entry = this.entry;
    if (entry) {
      const depth = this.depth - this.entryDepth;
      if (depth === 1) {
        const field = entry.open(name, attribs);
        if (field === 'group') this.groupDepth = this.depth;
        else if (field === 'atomAuthor') this.authorDepth = this.depth;
        else if (field !== null) this.capture = { field, name, depth: this.depth, start, prefix };
      } else if (depth === 2 && this.groupDepth === this.depth - 1) {
        entry.openInGroup(name, attribs);
      } else if (depth === 2 && this.authorDepth === this.depth - 1 && name === 'name') {
        this.capture = { field: 'atomAuthorName', name, depth: this.depth, start, prefix };
      }
      return;
    }
    if (this.isEntry(name)) {
      this.entry = new EntryDraft(this.format, attribs, this.inheritedLang());
      this.entryDepth = this.depth;
      this.entryStart = parser.startIndex;
      return;
    }
    this.langs[this.depth] = attribs['xml:lang']?.trim();
    if (this.format === 'atom' && this.depth === 2 && name === 'author' && this.feed.author === undefined) {
      this.feedAuthorDepth = this.depth;
      return;
    }
    if (this.feedAuthorDepth !== -1 && this.depth === this.feedAuthorDepth + 1 && name === 'name') {
      this.capture = { field: 'feedAuthor', name, depth: this.depth, start, prefix };
      return;
    }
    if (this.format !== 'atom' && name === 'channel' && this.depth === 2) {
      this.channelDepth = this.depth;
    } else if (
      this.depth === this.channelDepth + 1 &&
      (this.format !== 'atom' || name === 'title') &&
      FEED_FIELDS[name] &&
      !this.seenFeed.has(name)
    ) {
      this.seenFeed.add(name);
      this.capture = { field: 'feed', name, depth: this.depth, start, prefix };
    }
  }

  private openRoot(name: string, attribs: Record<string, string>): void {
    const local = name.slice(name.indexOf(':') + 1);
    if (name === 'rss') this.format = 'rss';
    else if (local === 'rdf') this.format = 'rdf';
    else if (local === 'feed') {
      this.format = 'atom';
      this.channelDepth = 1;
    }
    this.feed.base = attribs['xml:base'];
    this.feed.lang = xmlText(attribs['xml:lang']);
    this.langs[1] = attribs['xml:lang']?.trim();
  }

  /** The nearest xml:lang above the current element. */
  private inheritedLang(): string | undefined {
    for (let depth = Math.min(this.depth - 1, this.langs.length - 1); depth >= 1; depth -= 1) {
      const lang = this.langs[depth];
      if (lang !== undefined) return lang;
    }
    return undefined;
  }

  /**
   * Entries sit under the root or the channel in a well-formed feed; deeper ones are read too,
   * since they only occur inside an entry left unclosed (which the next entry ends).
   */
  private isEntry(name: string): boolean {
    if (this.depth < 2) return false;
    switch (this.format) {
      case 'rss':
      case 'rdf':
        return name === 'item';
      case 'atom':
        return name === 'entry';
      case null:
        return false;
    }
  }

  /** `cut`: the document ended inside the entry, so it is incomplete and left out; `end`: where its text ends. */
  private finishEntry(cut: boolean, end: number): void {
    const entry = this.entry;
    if (!entry) return;
    // A slice: V8 shares the document's characters rather than copying them.
    entry.sourceText = this.text.slice(this.entryStart, end);
    this.entry = null;
    this.entryDepth = -1;
    this.groupDepth = -1;
    this.authorDepth = -1;
    if (cut) {
      this.truncated += 1;
      return;
    }
    if (entry.isEmpty()) this.empty += 1;
    this.entries.push(entry);
  }

  onclosetag(_name: string, implied: boolean): void {
    const parser = this.parser;
    if (!parser) return;
    this.closeEvents += 1;
    const depth = this.depth;
    this.depth -= 1;
    const capture = this.capture;
    if (capture && depth > capture.depth) return;
    // Self-closing tags are reported as implied closes right after their opening.
    if (implied && parser.startIndex !== this.lastOpenStart) this.suspect = true;
    if (depth === 1) this.rootClosed = true;
    if (capture) {
      this.capture = null;
      // A field the document ended in is cut short: the entry holding it is dropped below.
      const end = this.ending ? this.text.length : parser.startIndex;
      const raw = end > capture.start ? this.text.slice(capture.start, end) : '';
      if (capture.field === 'feed') this.setFeedField(capture.name, raw);
      else if (capture.field === 'feedAuthor') this.feed.author = xmlText(raw);
      else this.entry?.setText(capture.field, raw, capture.prefix);
      return;
    }
    if (depth === this.entryDepth && this.entry) this.finishEntry(this.ending, parser.endIndex + 1);
    else if (depth === this.feedAuthorDepth) this.feedAuthorDepth = -1;
    else if (depth === this.groupDepth) this.groupDepth = -1;
    else if (depth === this.authorDepth) this.authorDepth = -1;
    else if (depth === this.channelDepth && this.format !== 'atom') this.channelDepth = -1;
  }

  private setFeedField(name: string, raw: string): void {
    const key = FEED_FIELDS[name];
    if (key === undefined) return;
    this.feed[key] = xmlText(raw);
  }
}

/** htmlparser2 drops an end tag that matches nothing open without an event: that is malformed XML. */
class CheckedParser extends Parser {
  constructor(private readonly reader: FeedReader) {
    super(reader, { xmlMode: true, decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true });
    reader.parser = this;
  }

  override onclosetag(start: number, endIndex: number): void {
    const before = this.reader.closeEvents;
    super.onclosetag(start, endIndex);
    if (this.reader.closeEvents === before) this.reader.suspect = true;
  }
}

export function readXmlFeed(text: string, urlBase: string | null): XmlFeed {
  const reader = new FeedReader(text);
  const parser = new CheckedParser(reader);
  parser.write(text);
  reader.ending = true;
  if (!reader.tooDeep) parser.end();
  const feed = reader.feed;
  const base = resolveBase(feed.base, urlBase);
  const language =
    reader.format === 'rss' ? (feed.language ?? feed.dcLanguage ?? feed.lang) : (feed.dcLanguage ?? feed.lang);
  return {
    format: reader.format,
    title: feed.title,
    language: reader.format === 'atom' ? feed.lang : language,
    base,
    entries: reader.entries.map((draft) => draft.toRawEntry(base, feed.author ?? null)),
    truncated: reader.truncated,
    empty: reader.empty,
    suspect: reader.suspect,
    tooDeep: reader.tooDeep,
  };
}
