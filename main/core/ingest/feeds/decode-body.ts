/**
 * Bytes to text the way feed readers agree on: the HTTP charset wins, then the XML
 * prolog's encoding, then a byte-order mark, then UTF-8. Node 24 ships full ICU, so
 * TextDecoder knows windows-125x, iso-8859-x, koi8-r, shift_jis, gb18030 and the rest.
 */
export interface DecodedBody {
  text: string;
  charset: string;
}

export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase() ?? null;
}

function charsetFromBom(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

function charsetFromProlog(body: Buffer): string | null {
  // The prolog is ASCII in every encoding a prolog can be read in without a BOM.
  const head = body.subarray(0, 256).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

/** One decoder per label: building one costs more than decoding a small feed. */
const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  let decoder = decoders.get(label);
  if (decoder !== undefined) return decoder;
  try {
    // Malformed bytes become U+FFFD rather than failing the whole feed.
    decoder = new TextDecoder(label, { fatal: false });
  } catch {
    decoder = null;
  }
  if (decoders.size < 64) decoders.set(label, decoder);
  return decoder;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

export function decodeBody(body: Buffer, contentType: string | null): DecodedBody {
  const bom = charsetFromBom(body);
  // A UTF-16 BOM is unambiguous: a label saying otherwise would only produce garbage.
  const declared = bom?.startsWith('utf-16')
    ? [bom]
    : [charsetFromContentType(contentType), charsetFromProlog(body), bom];
  for (const label of declared) {
    const decoder = decoderFor(label);
    // TextDecoder drops a matching BOM itself.
    if (decoder) return { text: decoder.decode(body), charset: decoder.encoding };
  }
  try {
    return { text: strictUtf8.decode(body), charset: 'utf-8' };
  } catch {
    // Nothing declared and not UTF-8: old servers almost always meant Latin-1 (as browsers assume).
    return { text: windows1252.decode(body), charset: 'windows-1252' };
  }
}
