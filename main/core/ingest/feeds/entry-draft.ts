import { resolveBase, type RawEntry } from './item-fields';
import { isXhtml, rssAuthorName, xhtmlText, xmlText } from './xml-text';
import type { XmlFeedFormat } from './xml-feed-format';

/** Elements of an entry whose text is read; the value names the field it fills. */
export type TextField =
  | 'title'
  | 'link'
  | 'description'
  | 'encoded'
  | 'guid'
  | 'author'
  | 'dcCreator'
  | 'itunesAuthor'
  | 'pubDate'
  | 'dcDate'
  | 'dcLanguage'
  | 'atomContent'
  | 'atomSummary'
  | 'atomAuthorName'
  | 'published'
  | 'updated';

const RSS_FIELDS: Readonly<Record<string, TextField>> = {
  title: 'title',
  link: 'link',
  description: 'description',
  'content:encoded': 'encoded',
  guid: 'guid',
  author: 'author',
  'dc:creator': 'dcCreator',
  'itunes:author': 'itunesAuthor',
  pubdate: 'pubDate',
  'dc:date': 'dcDate',
  'dc:language': 'dcLanguage',
};
const ATOM_FIELDS: Readonly<Record<string, TextField>> = {
  id: 'guid',
  title: 'title',
  content: 'atomContent',
  summary: 'atomSummary',
  published: 'published',
  updated: 'updated',
  'dc:creator': 'dcCreator',
  'dc:date': 'dcDate',
};
/** Fields where every occurrence counts (the first non-empty wins); the rest take the first only. */
const REPEATED = new Set<TextField>(['author', 'dcCreator', 'dcDate', 'dcLanguage', 'atomAuthorName']);

interface AtomLink {
  rel: string | undefined;
  type: string | undefined;
  href: string | undefined;
}

function isMarkup(type: string | undefined): boolean {
  const lower = type?.toLowerCase();
  return lower === 'html' || lower === 'xhtml' || lower === 'text/html' || lower === 'application/xhtml+xml';
}

/** One entry as it streams past: the same field rules read-entries.ts applies to feedsmith's objects. */
export class EntryDraft {
  private readonly text = new Map<TextField, string | undefined>();
  private readonly enclosures: Array<string | undefined> = [];
  private readonly mediaContents: Array<string | undefined> = [];
  private readonly groupContents: Array<string | undefined> = [];
  private readonly thumbnails: Array<string | undefined> = [];
  private readonly links: AtomLink[] = [];
  /** Atom text constructs' type attribute. */
  private readonly types = new Map<TextField, string | undefined>();
  private authorSeen = false;
  private readonly about: string | undefined;
  private readonly xmlBase: string | undefined;
  private readonly lang: string | undefined;

  constructor(
    private readonly format: XmlFeedFormat,
    attribs: Record<string, string>,
  ) {
    this.about = format === 'rdf' ? xmlText(attribs['rdf:about']) : undefined;
    this.xmlBase = attribs['xml:base'];
    this.lang = xmlText(attribs['xml:lang']);
  }

  /** A direct child opens: the text field to read, 'group'/'atomAuthor' for containers, or null. */
  open(name: string, attribs: Record<string, string>): TextField | 'group' | 'atomAuthor' | null {
    switch (name) {
      case 'enclosure':
        if (this.format === 'rss') this.enclosures.push(xmlText(attribs.url));
        return null;
      case 'media:content':
        this.mediaContents.push(xmlText(attribs.url));
        return null;
      case 'media:thumbnail':
        this.thumbnails.push(xmlText(attribs.url));
        return null;
      case 'media:group':
        return 'group';
      case 'link':
        if (this.format !== 'atom') return this.want('link');
        this.links.push({ rel: xmlText(attribs.rel), type: xmlText(attribs.type), href: xmlText(attribs.href) });
        return null;
      case 'author':
        if (this.format !== 'atom') return this.want('author');
        if (this.authorSeen) return null;
        this.authorSeen = true;
        return 'atomAuthor';
      case 'content':
      case 'summary':
      case 'title': {
        const field = name === 'content' ? 'atomContent' : name === 'summary' ? 'atomSummary' : 'title';
        const wanted = this.want(field);
        if (wanted !== null && this.format === 'atom') this.types.set(field, xmlText(attribs.type));
        return wanted;
      }
      default: {
        const field = (this.format === 'atom' ? ATOM_FIELDS : RSS_FIELDS)[name];
        return field === undefined ? null : this.want(field);
      }
    }
  }

  openInGroup(name: string, attribs: Record<string, string>): void {
    if (name === 'media:content') this.groupContents.push(xmlText(attribs.url));
  }

  private want(field: TextField): TextField | null {
    if (this.format !== 'atom' && (field === 'atomContent' || field === 'atomSummary')) return null;
    if (!REPEATED.has(field) && this.text.has(field)) return null;
    if (REPEATED.has(field) && this.text.get(field) !== undefined) return null;
    return field;
  }

  setText(field: TextField, raw: string): void {
    let value = isXhtml(this.types.get(field)) ? xhtmlText(raw) : xmlText(raw);
    if (field === 'author' && value !== undefined) value = rssAuthorName(value) ?? undefined;
    this.text.set(field, value);
  }

  /** Nothing a feed reader would keep: such entries are left out, as feedsmith did. */
  isEmpty(): boolean {
    for (const value of this.text.values()) if (value !== undefined) return false;
    return (
      this.about === undefined &&
      this.links.length === 0 &&
      [...this.enclosures, ...this.mediaContents, ...this.groupContents, ...this.thumbnails].every((u) => !u)
    );
  }

  private get(field: TextField): string | null {
    return this.text.get(field) ?? null;
  }

  toRawEntry(parentBase: string | null): RawEntry {
    const xmlBase = xmlText(this.xmlBase);
    const base = xmlBase === undefined ? null : resolveBase(xmlBase, parentBase);
    const media = [...this.mediaContents, ...this.groupContents, ...this.thumbnails];
    const language = this.get('dcLanguage') ?? this.lang ?? null;
    switch (this.format) {
      case 'rss':
        return {
          id: this.get('guid'),
          link: this.get('link'),
          title: this.get('title'),
          html: this.get('encoded') ?? this.get('description'),
          plainText: null,
          authorName: this.get('author') ?? this.get('dcCreator') ?? this.get('itunesAuthor'),
          date: this.get('pubDate') ?? this.get('dcDate'),
          language,
          media: [...this.enclosures, ...media],
          base,
        };
      case 'rdf':
        return {
          id: this.about ?? null,
          link: this.get('link'),
          title: this.get('title'),
          html: this.get('encoded') ?? this.get('description'),
          plainText: null,
          authorName: this.get('dcCreator'),
          date: this.get('dcDate'),
          language,
          media,
          base,
        };
      case 'atom':
        return this.atomEntry(base, media);
    }
  }

  private atomEntry(base: string | null, media: Array<string | undefined>): RawEntry {
    const content = this.get('atomContent');
    const [body, type] = content
      ? [content, this.types.get('atomContent')]
      : [this.get('atomSummary'), this.types.get('atomSummary')];
    const markup = isMarkup(type);
    const alternates = this.links.filter((link) => !link.rel || link.rel === 'alternate');
    const alternate = alternates.find((link) => !link.type || link.type.includes('html')) ?? alternates[0];
    return {
      id: this.get('guid'),
      link: alternate?.href ?? null,
      title: this.get('title'),
      html: markup ? body : null,
      plainText: markup ? null : body,
      authorName: this.get('atomAuthorName') ?? this.get('dcCreator'),
      date: this.get('published') ?? this.get('updated') ?? this.get('dcDate'),
      language: this.lang ?? null,
      media: [...this.links.filter((link) => link.rel === 'enclosure').map((link) => link.href), ...media],
      base,
    };
  }
}
