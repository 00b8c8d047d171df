/** The XML feed dialects the reader knows; its own file so the reader and the entry it builds share it without a loop. */
export type XmlFeedFormat = 'rss' | 'rdf' | 'atom';
