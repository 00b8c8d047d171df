/** Bodies that attack XML parsers; shared by the parser and the fetch tests. */

export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs &lol9;</title><link>https://laughs.test/</link>
<description>d</description>
<item><title>&lol9;</title><link>https://laughs.test/1</link><description>&lol9; &lol9;</description></item>
</channel></rss>`;

/** An external-entity feed pointing at `fileUrl` (file:///etc/passwd or a temp file). */
export function xxeFeed(fileUrl: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "${fileUrl}"> <!ENTITY % remote SYSTEM "${fileUrl}"> %remote; ]>
<rss version="2.0"><channel><title>XXE &xxe;</title><link>https://xxe.test/</link>
<description>&xxe;</description>
<item><title>Leak &xxe;</title><link>https://xxe.test/1</link><description>&xxe;</description>
<author>&xxe;</author></item>
</channel></rss>`;
}

export const NOT_A_FEED_HTML = `<!DOCTYPE html>
<html><head><title>Welcome</title></head><body><p>Our blog</p></body></html>`;

/** "Café crème" in UTF-8, with a lone 0xFF byte in the description: not valid UTF-8. */
export function invalidUtf8Feed(): Buffer {
  return Buffer.concat([
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Caf\u00e9 cr\u00e8me</title>' +
        '<link>https://bad.test/</link><description>d</description><item><title>Broken ',
      'utf8',
    ),
    Buffer.from([0xff, 0xfe, 0x41]),
    Buffer.from(' bytes</title><link>https://bad.test/1</link></item></channel></rss>', 'utf8'),
  ]);
}

export function rssWithItems(count: number, title = 'Generated'): string {
  const items = Array.from(
    { length: count },
    (_, i) => `<item><title>Item ${i}</title><link>https://gen.test/${i}</link><guid>gen-${i}</guid></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://gen.test/</link><description>d</description>${items}</channel></rss>`;
}
