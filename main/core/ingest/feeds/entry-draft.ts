import { resolveBase, type RawEntry } from './item-fields';
import { readAtomText, readXhtmlBody, type ReadText } from './entry-content';
import { rssAuthorName, xmlText } from './xml-text';
import type { XmlFeedFormat } from './xml-feed-format';

/** Elements of an entry whose text is read; the value names the field it fills. */
export type TextField =
  | 'title'
  | 'link'
  | 'description'
  | 'encoded'
  | 'xhtmlBody'
  | 'fullitem'
  | 'guid'
  | 'author'
  | 'dcTitle'
  | 'dcDescription'
  | 'dcCreator'
  | 'itunesAuthor'
  | 'pubDate'
  | 'dcDate'
  | 'dctermsDate'
  | 'dcLanguage'
  | 'atomContent'
  | 'atomSummary'
  | 'atomAuthorName'
  | 'published'
  | 'updated';

/** Dublin Core (and its terms namespace) on items, in RSS 2.0, RSS 1.0 and Atom alike. */
const DUBLIN_CORE: Readonly<Record<string, TextField>> = {
  'dc:title': 'dcTitle',
  'dc:description': 'dcDescription',
  'dc:creator': 'dcCreator',
  'dc:date': 'dcDate',
  'dc:language': 'dcLanguage',
  'dcterms:title': 'dcTitle',
  'dcterms:description': 'dcDescription',
  'dcterms:abstract': 'dcDescription',
  'dcterms:creator': 'dcCreator',
  'dcterms:language': 'dcLanguage',
  'dcterms:date': 'dctermsDate',
  'dcterms:issued': 'dctermsDate',
  'dcterms:created': 'dctermsDate',
  'dcterms:modified': 'dctermsDate',
};
const RSS_FIELDS: Readonly<Record<string, TextField>> = {
  ...DUBLIN_CORE,
  title: 'title',
  link: 'link',
  description: 'description',
  'content:encoded': 'encoded',
  'xhtml:body': 'xhtmlBody',
  body: 'xhtmlBody',
  fullitem: 'fullitem',
  guid: 'guid',
  author: 'author',
  'itunes:author': 'itunesAuthor',
  pubdate: 'pubDate',
};
const ATOM_FIELDS: Readonly<Record<string, TextField>> = {
  ...DUBLIN_CORE,
  id: 'guid',
  published: 'published',
  updated: 'updated',
  // Atom 0.3's names for the same dates.
  issued: 'published',
  created: 'published',
  modified: 'updated',
};
/** Fields where every occurrence counts (the first non-empty wins); the rest take the first only. */
const REPEATED = new Set<TextField>([
  'author',
  'dcCreator',
  'dcDate',
  'dctermsDate',
  'dcLanguage',
  'atomAuthorName',
  'published',
]);
/** Read as markup or typed text rather than plain element text. */
const RICH = new Set<TextField>(['title', 'atomContent', 'atomSummary', 'xhtmlBody']);
/**
 * Bodies, kept raw until the entry is used: telling a stored entry needs only its id, link,
 * title and date, and decoding the bodies a re-poll then skips was a sixth of its time.
 * None is REPEATED, so the first occurrence is the one kept.
 */
const DEFERRED = new Set<TextField>([
  'description',
  'encoded',
  'fullitem',
  'dcDescription',
  'xhtmlBody',
  'atomContent',
  'atomSummary',
]);

interface AtomLink {
  rel: string | undefined;
  type: string | undefined;
  href: string | undefined;
}

/** The attributes of a text construct that say how to read it. */
interface TextAttributes {
  type: string | undefined;
  mode: string | undefined;
  lang: string | undefined;
}

const URL_LIKE_GUID = /^https?:\/\//i;

/** One entry as it streams past, read field by field. */
export class EntryDraft {
  private readonly text = new Map<TextField, string | undefined>();
  private readonly rich = new Map<TextField, ReadText | undefined>();
  private readonly attributes = new Map<TextField, TextAttributes>();
  private readonly enclosures: Array<string | undefined> = [];
  private readonly mediaContents: Array<string | undefined> = [];
  private readonly groupContents: Array<string | undefined> = [];
  private readonly thumbnails: Array<string | undefined> = [];
  private readonly links: AtomLink[] = [];
  /** Raw XML of the DEFERRED fields not read yet, with the prefix their element was written with. */
  private readonly deferred = new Map<TextField, { raw: string; prefix: string | undefined }>();
  /** The entry's XML as the feed wrote it, set when the entry ends. */
  sourceText = '';
  private guidIsPermaLink = true;
  private authorSeen = false;
  private readonly about: string | undefined;
  private readonly xmlBase: string | undefined;
  /** The entry's xml:lang, or the nearest ancestor's; '' when one cleared it. */
  private readonly lang: string | undefined;

  constructor(
    private readonly format: XmlFeedFormat,
    attribs: Record<string, string>,
    inheritedLang: string | undefined,
  ) {
    this.about = format === 'rdf' ? xmlText(attribs['rdf:about']) : undefined;
    this.xmlBase = attribs['xml:base'];
    const own = attribs['xml:lang'];
    this.lang = own !== undefined ? own.trim() : inheritedLang;
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
      case 'guid': {
        const wanted = this.want('guid');
        if (wanted !== null) this.guidIsPermaLink = xmlText(attribs.ispermalink)?.toLowerCase() !== 'false';
        return wanted;
      }
      case 'content':
      case 'summary':
      case 'title': {
        if (this.format !== 'atom' && name !== 'title') return null;
        const field = name === 'content' ? 'atomContent' : name === 'summary' ? 'atomSummary' : 'title';
        return this.withAttributes(this.want(field), attribs);
      }
      default: {
        const field = (this.format === 'atom' ? ATOM_FIELDS : RSS_FIELDS)[name];
        return field === undefined ? null : this.withAttributes(this.want(field), attribs);
      }
    }
  }

  openInGroup(name: string, attribs: Record<string, string>): void {
    if (name === 'media:content') this.groupContents.push(xmlText(attribs.url));
  }

  private withAttributes(field: TextField | null, attribs: Record<string, string>): TextField | null {
    if (field !== null && (RICH.has(field) || attribs['xml:lang'] !== undefined)) {
      this.attributes.set(field, {
        type: this.format === 'atom' ? xmlText(attribs.type) : undefined,
        mode: this.format === 'atom' ? xmlText(attribs.mode) : undefined,
        lang: attribs['xml:lang']?.trim(),
      });
    }
    return field;
  }

  private want(field: TextField): TextField | null {
    const seen = RICH.has(field) ? this.rich : this.text;
    if (!REPEATED.has(field) && (seen.has(field) || this.deferred.has(field))) return null;
    if (REPEATED.has(field) && seen.get(field) !== undefined) return null;
    return field;
  }

  /** The raw XML between the field's tags; `prefix` is the namespace prefix its element was written with. */
  setText(field: TextField, raw: string, prefix?: string): void {
    if (DEFERRED.has(field)) this.deferred.set(field, { raw, prefix });
    else this.read(field, raw, prefix);
  }

  /** A deferred field, read now that the entry is used. */
  private resolve(field: TextField): void {
    const pending = this.deferred.get(field);
    if (pending === undefined) return;
    this.deferred.delete(field);
    this.read(field, pending.raw, pending.prefix);
  }

  private read(field: TextField, raw: string, prefix: string | undefined): void {
    if (field === 'xhtmlBody') {
      const markup = readXhtmlBody(raw, prefix);
      this.rich.set(field, markup === undefined ? undefined : { value: markup, kind: 'html' });
      return;
    }
    if (RICH.has(field)) {
      const attributes = this.attributes.get(field);
      if (this.format === 'atom') {
        this.rich.set(field, readAtomText(raw, attributes?.type, attributes?.mode));
      } else {
        const value = xmlText(raw);
        this.rich.set(field, value === undefined ? undefined : { value, kind: 'html' });
      }
      return;
    }
    let value = xmlText(raw);
    if ((field === 'author' || field === 'dcCreator') && value !== undefined) {
      value = rssAuthorName(value) ?? undefined;
    }
    this.text.set(field, value);
  }

  /** Nothing at all was read: kept anyway, and counted, so the source says so. */
  isEmpty(): boolean {
    for (const value of this.text.values()) if (value !== undefined) return false;
    for (const value of this.rich.values()) if (value !== undefined) return false;
    const nothingElse =
      this.about === undefined &&
      this.links.length === 0 &&
      [...this.enclosures, ...this.mediaContents, ...this.groupContents, ...this.thumbnails].every((u) => !u);
    // Bodies last: they are read only for an entry that has nothing else.
    if (!nothingElse) return false;
    for (const field of [...this.deferred.keys()]) {
      this.resolve(field);
      if ((RICH.has(field) ? this.rich.get(field) : this.text.get(field)) !== undefined) return false;
    }
    return true;
  }

  private get(field: TextField): string | null {
    this.resolve(field);
    return this.text.get(field) ?? null;
  }

  private richOf(field: TextField): ReadText | null {
    this.resolve(field);
    return this.rich.get(field) ?? null;
  }

  /** The language of the body: the body element's own xml:lang, else the entry's. */
  private languageOf(bodyField: TextField | null): string | null {
    const bodyLang = bodyField === null ? undefined : this.attributes.get(bodyField)?.lang;
    const lang = bodyLang ?? this.lang;
    if (lang === '') return '';
    return this.get('dcLanguage') ?? lang ?? null;
  }

  toRawEntry(parentBase: string | null, feedAuthor: string | null): RawEntry {
    const xmlBase = xmlText(this.xmlBase);
    const base = xmlBase === undefined ? null : resolveBase(xmlBase, parentBase);
    const media = [...this.mediaContents, ...this.groupContents, ...this.thumbnails];
    if (this.format === 'atom') return this.atomEntry(base, media, feedAuthor);
    const title = this.richOf('title');
    const dcTitle = this.get('dcTitle');
    const guid = this.get('guid');
    const permalink = guid !== null && this.guidIsPermaLink && URL_LIKE_GUID.test(guid) ? guid : null;
    const rss = this.format === 'rss';
    const body = lazily(() => this.rssBody());
    return {
      id: rss ? guid : (this.about ?? guid),
      link: this.get('link') ?? (rss ? permalink : (this.about ?? null)),
      title: title?.value ?? dcTitle,
      // RSS says titles are text; many are escaped HTML in practice, which the normalizer detects.
      titleType: 'guess',
      get html() {
        return body().html;
      },
      plainText: null,
      authorName:
        (rss ? (this.get('author') ?? this.get('dcCreator') ?? this.get('itunesAuthor')) : this.get('dcCreator')) ??
        feedAuthor,
      date: (rss ? this.get('pubDate') : null) ?? this.get('dcDate') ?? this.get('dctermsDate'),
      get language() {
        return body().language;
      },
      media: rss ? [...this.enclosures, ...media] : media,
      base,
      sourceText: this.sourceText,
    };
  }

  private rssBody(): LazyBody {
    const bodyField = (['xhtmlBody', 'encoded', 'fullitem', 'description', 'dcDescription'] as const).find(
      (field) => (RICH.has(field) ? this.richOf(field) : this.get(field)) !== null,
    );
    const html =
      bodyField === undefined
        ? null
        : bodyField === 'xhtmlBody'
          ? (this.richOf(bodyField)?.value ?? null)
          : this.get(bodyField);
    return { html, plainText: null, language: this.languageOf(bodyField ?? null) };
  }

  private atomEntry(base: string | null, media: Array<string | undefined>, feedAuthor: string | null): RawEntry {
    // An alternate without an address is no link at all: it must not hide one that has one.
    const alternates = this.links.filter((link) => (!link.rel || link.rel === 'alternate') && link.href);
    const alternate = alternates.find((link) => !link.type || link.type.includes('html')) ?? alternates[0];
    const title = this.richOf('title');
    const dcTitle = this.get('dcTitle');
    const body = lazily(() => this.atomBody());
    return {
      id: this.get('guid'),
      link: alternate?.href ?? null,
      title: title?.value ?? dcTitle,
      titleType: title ? title.kind : 'guess',
      get html() {
        return body().html;
      },
      get plainText() {
        return body().plainText;
      },
      authorName: this.get('atomAuthorName') ?? this.get('dcCreator') ?? feedAuthor,
      date: this.get('published') ?? this.get('updated') ?? this.get('dcDate') ?? this.get('dctermsDate'),
      get language() {
        return body().language;
      },
      media: [...this.links.filter((link) => link.rel === 'enclosure').map((link) => link.href), ...media],
      base,
      sourceText: this.sourceText,
    };
  }

  private atomBody(): LazyBody {
    const content = this.richOf('atomContent');
    const [body, bodyField] = content
      ? [content, 'atomContent' as const]
      : [this.richOf('atomSummary'), 'atomSummary' as const];
    const dcBody = this.get('dcDescription');
    return {
      html: body?.kind === 'html' ? body.value : body === null ? dcBody : null,
      plainText: body?.kind === 'text' ? body.value : null,
      language: this.languageOf(body ? bodyField : null),
    };
  }
}

/** The parts of a RawEntry read from its body, computed on first use. */
type LazyBody = Pick<RawEntry, 'html' | 'plainText' | 'language'>;

function lazily<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}
