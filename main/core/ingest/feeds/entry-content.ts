import { isXhtml, xhtmlText, xmlText } from './xml-text';

/**
 * How a text construct's raw XML becomes text or markup: Atom's type attribute (RFC 4287
 * §3.1 and §4.1.3), Atom 0.3's mode attribute (escaped, xml, base64), and the namespaced
 * XHTML bodies of RSS extensions.
 */

/** What a title or body holds once read: plain text, or HTML still to be sanitized. */
export interface ReadText {
  value: string;
  kind: 'text' | 'html';
}

function lower(value: string | undefined): string | undefined {
  return value?.trim().toLowerCase();
}

function isHtmlType(type: string | undefined): boolean {
  return type === 'html' || type === 'text/html';
}

/** RFC 4287 §4.1.3.3: XML media types are inline XML; text/* is text; anything else is Base64. */
function isBase64Type(type: string | undefined): boolean {
  if (type === undefined || type === 'text' || type === 'html' || type === 'xhtml') return false;
  if (type.startsWith('text/')) return false;
  return !(type.endsWith('+xml') || type.endsWith('/xml'));
}

function fromBase64(raw: string): string | undefined {
  const encoded = xmlText(raw);
  if (encoded === undefined) return undefined;
  const text = Buffer.from(encoded, 'base64').toString('utf8').trim();
  return text === '' ? undefined : text;
}

/**
 * An Atom text construct or content element. Atom 0.3 says "mode" (escaped: markup as text;
 * base64), Atom 1.0 says "type"; either may be absent, which means text.
 */
export function readAtomText(
  raw: string,
  typeAttribute: string | undefined,
  modeAttribute: string | undefined,
): ReadText | undefined {
  const type = lower(typeAttribute);
  const mode = lower(modeAttribute);
  if (mode === 'base64' || (mode === undefined && isBase64Type(type))) {
    const decoded = fromBase64(raw);
    if (decoded === undefined) return undefined;
    // A Base64 picture or PDF is nothing to read.
    if (isHtmlType(type) || isXhtml(type)) return { value: decoded, kind: 'html' };
    return type === undefined || type.startsWith('text/') ? { value: decoded, kind: 'text' } : undefined;
  }
  if (isXhtml(type)) {
    const markup = xhtmlText(raw);
    return markup === undefined ? undefined : { value: markup, kind: 'html' };
  }
  const value = xmlText(raw);
  if (value === undefined) return undefined;
  return { value, kind: isHtmlType(type) || mode === 'escaped' ? 'html' : 'text' };
}

/**
 * An XHTML body embedded in an RSS item (xhtml:body, or body in the XHTML namespace): the
 * markup as written, without the namespace prefix its tags carry.
 */
export function readXhtmlBody(raw: string, prefix: string | undefined): string | undefined {
  const escaped = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, content: string) =>
    content.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
  );
  const inner = prefix ? escaped.replace(new RegExp(`(</?)${prefix.replace(/\./g, '\\.')}:`, 'g'), '$1') : escaped;
  const trimmed = inner.trim();
  return trimmed === '' ? undefined : trimmed;
}
