import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 256 bits: the invite link's secret and every session cookie. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Crockford's base32 without look-alikes (no I, L, O, U): read aloud or typed from a screen. */
const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The short code: 10 characters (50 bits) shown as XXXXX-XXXXX. Short enough to type; the
 * per-address rate limit and the 24 h lifetime make guessing it hopeless.
 */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a person typed, as stored: case, spaces and dashes do not matter; O/I/L read as 0/1/1. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Constant time, so the time a refusal takes says nothing about how close a guess was. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
