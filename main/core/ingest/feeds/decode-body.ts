import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Bytes to text the way feed readers agree on: a byte-order mark, then the HTTP charset, then
 * the XML prolog's encoding, then UTF-8 (XML's default). When nothing is declared and the bytes
 * are not UTF-8, or a declared UTF-8 plainly is not, the encoding is guessed (XML's appendix F
 * for BOM-less UTF-16/32, else chardet) and the result says so, for the source's health line.
 * Node 24 ships full ICU, so TextDecoder knows the common labels; iconv-lite decodes the rest
 * (UTF-32, and whatever chardet names).
 */
export interface DecodedBody {
  text: string;
  charset: string;
  /** Set when the charset was guessed from the bytes rather than read from a declaration or BOM. */
  guessed: { declared: string | null } | null;
}

export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase() ?? null;
}

function charsetFromBom(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  // UTF-32LE's BOM starts like UTF-16LE's: test it first.
  if (body[0] === 0xff && body[1] === 0xfe && body[2] === 0 && body[3] === 0) return 'utf-32le';
  if (body[0] === 0 && body[1] === 0 && body[2] === 0xfe && body[3] === 0xff) return 'utf-32be';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

/** XML 1.0 appendix F: without a BOM, where the NUL bytes sit around the first '<' names the width. */
function charsetFromNulPattern(body: Buffer): string | null {
  if (body.length < 4) return null;
  const [a, b, c, d] = [body[0], body[1], body[2], body[3]];
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
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

function decoderFor(label: string): TextDecoder | null {
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

/** Text in the labelled encoding, or null when neither TextDecoder nor iconv-lite knows the label. */
function decodeAs(body: Buffer, label: string): { text: string; charset: string } | null {
  const decoder = decoderFor(label);
  // TextDecoder drops a matching BOM itself.
  if (decoder) return { text: decoder.decode(body), charset: decoder.encoding };
  if (!iconv.encodingExists(label)) return null;
  return { text: iconv.decode(body, label), charset: label };
}

/**
 * The text when the bytes are valid UTF-8, else null. buffer.isUtf8 (simdutf) then Buffer's
 * own decoder: a fatal TextDecoder validates the same bytes several times slower, and even a
 * lenient one copies what Buffer hands V8 as an external string past a megabyte (a large
 * podcast feed decoded 5x faster). No BOM reaches here: charsetFromBom took those.
 */
function validUtf8(body: Buffer): string | null {
  return isUtf8(body) ? body.toString('utf8') : null;
}

/**
 * A declared UTF-16 on a body with no NUL where its first characters would have one is a
 * copied prolog on an 8-bit file: decoding it as UTF-16 would only give garbage.
 */
function contradictsWidth(label: string, body: Buffer): boolean {
  if (!label.startsWith('utf-16') && !label.startsWith('utf-32')) return false;
  return charsetFromNulPattern(body) === null;
}

/** chardet's best guess among the encodings it names; ISO-8859-1 read as windows-1252, as browsers do. */
/**
 * What chardet reads: a few kilobytes from just before the first non-ASCII byte. Markup and
 * ASCII say nothing about the encoding, and chardet's cost grows with its input (half a
 * millisecond a kilobyte, more than the rest of a small feed's parse).
 */
const SAMPLE_BYTES = 1536;

function detectorSample(body: Buffer): Buffer {
  let firstHigh = 0;
  while (firstHigh < body.length && (body[firstHigh] ?? 0) < 0x80) firstHigh += 1;
  const start = Math.max(0, Math.min(firstHigh - 128, body.length - SAMPLE_BYTES));
  return body.subarray(start, start + SAMPLE_BYTES);
}

function guessLegacy(body: Buffer): string {
  const guess = chardet.detect(detectorSample(body))?.toLowerCase() ?? 'windows-1252';
  if (guess === 'iso-8859-1' || guess === 'ascii' || guess.startsWith('utf')) return 'windows-1252';
  return iconv.encodingExists(guess) ? guess : 'windows-1252';
}

function guessed(body: Buffer, declared: string | null): DecodedBody {
  const label = guessLegacy(body);
  const decoded = decodeAs(body, label) ?? { text: iconv.decode(body, 'windows-1252'), charset: 'windows-1252' };
  return { ...decoded, guessed: { declared } };
}

export function decodeBody(body: Buffer, contentType: string | null): DecodedBody {
  const bom = charsetFromBom(body);
  if (bom) {
    // A BOM is unambiguous: a label saying otherwise would only produce garbage.
    const decoded = decodeAs(bom.startsWith('utf-32') ? body.subarray(4) : body, bom);
    if (decoded) return { ...decoded, guessed: null };
  }
  for (const label of [charsetFromContentType(contentType), charsetFromProlog(body)]) {
    if (label === null || contradictsWidth(label, body)) continue;
    if (label === 'utf-8' || label === 'utf8') {
      const text = validUtf8(body);
      if (text !== null) return { text, charset: 'utf-8', guessed: null };
      // A few bad bytes in real UTF-8 stay replacement characters; no valid multi-byte
      // character at all means the declaration is wrong and the file is 8-bit.
      if (!hasMultiByteUtf8(body)) return guessed(body, 'utf-8');
    }
    const decoded = decodeAs(body, label);
    if (decoded) return { ...decoded, guessed: null };
  }
  const width = charsetFromNulPattern(body);
  if (width) {
    const decoded = decodeAs(body, width);
    if (decoded) return { ...decoded, guessed: { declared: null } };
  }
  const text = validUtf8(body);
  if (text !== null) return { text, charset: 'utf-8', guessed: null };
  return guessed(body, null);
}

/** A lead byte followed by the continuation bytes its value asks for: one real UTF-8 character. */
function hasMultiByteUtf8(body: Buffer): boolean {
  for (let at = 0; at < body.length; at += 1) {
    const lead = body[at] ?? 0;
    if (lead < 0xc2 || lead > 0xf4) continue;
    const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    let continued = true;
    for (let next = 1; next < length && continued; next += 1) {
      const byte = body[at + next];
      continued = byte !== undefined && byte >= 0x80 && byte < 0xc0;
    }
    if (continued) return true;
  }
  return false;
}
