import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName, openDatabase } from '../db/open-database';
import { tempDir } from '../testing/temp-core';
import { loadMasterKey } from './key-file';
import { createSecretStore } from './secret-store';

const dirs: { dispose(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.dispose()));

describe('secret store', () => {
  it('keeps credentials encrypted at rest and reads them back', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path);
    const secrets = createSecretStore(db, loadMasterKey(dir.path));
    secrets.set('source-1', 'app-password-xyz-123', 1);
    expect(secrets.get('source-1')).toBe('app-password-xyz-123');
    expect(secrets.has('source-1')).toBe(true);
    db.close();
    const raw = readFileSync(join(dir.path, databaseFileName));
    expect(raw.includes(Buffer.from('app-password-xyz-123'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(join(dir.path, 'secrets.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a ciphertext moved to another owner', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path);
    const secrets = createSecretStore(db, loadMasterKey(dir.path));
    secrets.set('a', 'secret', 1);
    db.prepare("UPDATE secrets SET owner_id = 'b' WHERE owner_id = 'a'").run();
    expect(() => secrets.get('b')).toThrow();
    db.close();
  });

  it('uses the same key across restarts', () => {
    const dir = tempDir();
    dirs.push(dir);
    expect(loadMasterKey(dir.path).equals(loadMasterKey(dir.path))).toBe(true);
  });
});
