import { randomBytes } from 'node:crypto';

const alphabet = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * Bluesky record keys for outbox entries: TIDs (53 bits of microseconds since the epoch, 10
 * bits of clock id, in sortable base32, 13 characters). Each key is strictly greater than
 * the last one this process gave, so two entries made in the same millisecond never share
 * a key: a shared key would let one entry's lookup find the other's post and call it its own.
 */
export function createRecordKeys(clock: () => number = Date.now): () => string {
  const clockId = BigInt(randomBytes(2).readUInt16BE() & 0x3ff);
  let last = 0n;
  return () => {
    let micros = BigInt(clock()) * 1000n;
    if (micros <= last) micros = last + 1n;
    last = micros;
    let value = (micros << 10n) | clockId;
    let key = '';
    for (let i = 0; i < 13; i += 1) {
      key = alphabet[Number(value & 31n)] + key;
      value >>= 5n;
    }
    return key;
  };
}

/** The TID syntax the PDS checks on a record key. */
export const isTid = (key: string): boolean => /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/.test(key);
