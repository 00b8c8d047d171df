import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';

/** What `net.connect` calls to resolve a host name (dns.lookup's shape). */
export type Lookup = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

const v4 = (address: string): number[] => address.split('.').map(Number);

function isPrivateV4(address: string): boolean {
  const [a = 0, b = 0] = v4(address);
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata (169.254.169.254)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/**
 * Whether an IP address is inside this machine or its local network (loopback, private,
 * link-local, unique-local, multicast…), IPv4-mapped IPv6 included. A host name is not an
 * address: resolve it first.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(bare);
  if (family === 4) return isPrivateV4(bare);
  if (family !== 6) return false;
  const mapped = /^(?:0{0,4}:){0,5}ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  if (mapped) return isPrivateV4(mapped);
  if (bare === '::' || bare === '::1') return true;
  const first = Number.parseInt(bare.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 // multicast
  );
}

/** A host the person typed that is itself a private address (or this machine's name). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host);
}

export class PrivateAddressError extends Error {
  readonly code = 'ERR_RIPOSTE_PRIVATE_ADDRESS';
  constructor(readonly hostname: string) {
    super(`${hostname} resolves to an address inside this machine or its network`);
  }
}

/**
 * A lookup that refuses private answers: given to the connection itself, so the address
 * checked is the address connected to (a DNS answer cannot change between the two).
 */
export function publicOnlyLookup(resolve: Lookup = systemLookup as Lookup): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const answers = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      if (answers.some(isPrivateAddress)) return callback(new PrivateAddressError(hostname), address, family);
      callback(null, address, family);
    });
  };
}
