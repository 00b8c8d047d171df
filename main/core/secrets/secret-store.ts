import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';

export const masterKeyBytes = 32;

/**
 * Stores credentials encrypted (AES-256-GCM, a fresh nonce each write, the owner id as
 * associated data so a ciphertext cannot be moved to another source). Plain text exists
 * only in main's memory, on its way to the ingest worker; it is never sent to a renderer.
 */
export function createSecretStore(db: Db, masterKey: Buffer) {
  if (masterKey.length !== masterKeyBytes) throw new Error('The secrets key must be 32 bytes');
  const upsert = db.prepare<[string, Buffer, Buffer, Buffer, number]>(
    `INSERT INTO secrets (owner_id, nonce, ciphertext, tag, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(owner_id) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext,
       tag = excluded.tag, updated_at = excluded.updated_at`,
  );
  const read = db.prepare<[string], { nonce: Buffer; ciphertext: Buffer; tag: Buffer }>(
    'SELECT nonce, ciphertext, tag FROM secrets WHERE owner_id = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM secrets WHERE owner_id = ?');
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM secrets WHERE owner_id = ?');

  return {
    set(ownerId: string, secret: string, now: number): void {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, nonce);
      cipher.setAAD(Buffer.from(ownerId));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      upsert.run(ownerId, nonce, ciphertext, cipher.getAuthTag(), now);
    },
    get(ownerId: string): string | null {
      const row = read.get(ownerId);
      if (!row) return null;
      const decipher = createDecipheriv('aes-256-gcm', masterKey, row.nonce);
      decipher.setAAD(Buffer.from(ownerId));
      decipher.setAuthTag(row.tag);
      return Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
    },
    has(ownerId: string): boolean {
      return exists.get(ownerId) !== undefined;
    },
    delete(ownerId: string): void {
      remove.run(ownerId);
    },
  };
}
export type SecretStore = ReturnType<typeof createSecretStore>;
