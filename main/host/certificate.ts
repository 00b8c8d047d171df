import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface HostCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, as browsers show it (AB:CD:…). */
  fingerprint: string;
}

/** The machine's IPv4 and IPv6 addresses, for the certificate's names. */
function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address] : []));
}

/**
 * One certificate per data directory, made on the first team start and kept (key 0600):
 * teammates check its fingerprint once, and it stays the same at the next venue. Made by
 * a maintained library (selfsigned), with an EC P-256 key, SHA-256, valid 2 years.
 */
export async function loadOrCreateCertificate(dataDir: string): Promise<HostCertificate> {
  const folder = join(dataDir, 'tls');
  const certPath = join(folder, 'host-cert.pem');
  const keyPath = join(folder, 'host-key.pem');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    const now = new Date();
    const pems = await generate([{ name: 'commonName', value: 'Riposte war room' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + 2 * 365 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            ...[...new Set(['127.0.0.1', ...machineAddresses()])].map((ip) => ({ type: 7 as const, ip })),
          ],
        },
      ],
    });
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    chmodSync(keyPath, 0o600);
    writeFileSync(certPath, pems.cert);
  }
  const cert = readFileSync(certPath, 'utf8');
  return { cert, key: readFileSync(keyPath, 'utf8'), fingerprint: new X509Certificate(cert).fingerprint256 };
}
