import { createHash, randomBytes } from 'node:crypto';

/**
 * The identifiers a local PDS hands out, in the shapes the AT Protocol client validates:
 * CIDs (CIDv1, sha-256, base32 as the lexicon's `cid` format expects) and JWT-shaped
 * session tokens whose payload carries the expiry, opaque to the client.
 */

const base32Alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** Multicodec of the content: raw bytes (blobs) or DAG-CBOR (records). */
const codecs = { raw: 0x55, dagCbor: 0x71 } as const;

/** A CIDv1 of `content`: the same bytes always give the same CID, as on a real PDS. */
export function cidOf(content: Uint8Array | string, codec: keyof typeof codecs): string {
  const digest = createHash('sha256').update(content).digest();
  const bytes = Uint8Array.from([0x01, codecs[codec], 0x12, 0x20, ...digest]);
  return `b${base32(bytes)}`;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token shaped like the PDS's JWTs (header.payload.signature); the server keeps its own table. */
export function sessionToken(scope: 'access' | 'refresh', did: string, expiresAt: number): string {
  const header = encode({ typ: scope === 'access' ? 'at+jwt' : 'refresh+jwt', alg: 'HS256' });
  const payload = encode({ scope: `com.atproto.${scope}`, sub: did, exp: Math.floor(expiresAt / 1000) });
  return `${header}.${payload}.${randomBytes(24).toString('base64url')}`;
}
