import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { masterKeyBytes } from './secret-store';

export interface MasterKeyProtector {
  /** Wraps the raw key for storage on disk (Electron: safeStorage). */
  protect(key: Buffer): Buffer;
  unprotect(stored: Buffer): Buffer;
}

/**
 * The secrets key, created on first use. Serve mode keeps it in a file only the user can
 * read (0600); the desktop app passes a protector so the file holds it encrypted by the OS
 * keychain.
 */
export function loadMasterKey(dataDir: string, protector?: MasterKeyProtector): Buffer {
  const file = join(dataDir, protector ? 'secrets.key.protected' : 'secrets.key');
  if (existsSync(file)) {
    if (!protector && process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      chmodSync(file, 0o600);
    }
    const stored = readFileSync(file);
    const key = protector ? protector.unprotect(stored) : stored;
    if (key.length !== masterKeyBytes) throw new Error(`The secrets key in ${file} is damaged`);
    return key;
  }
  const key = randomBytes(masterKeyBytes);
  writeFileSync(file, protector ? protector.protect(key) : key, { mode: 0o600, flag: 'wx' });
  return key;
}
