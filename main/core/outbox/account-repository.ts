import { z } from 'zod';
import { PublishLimitsView, type AccountView, type PublishNetwork } from '../../../shared/publishing/outbox';
import type { Db } from '../db/open-database';

interface AccountRow {
  id: string;
  room_id: string;
  network: PublishNetwork;
  label: string;
  handle: string | null;
  display_name: string | null;
  avatar_url: string | null;
  server: string;
  limits: string;
  status: 'ok' | 'reconnect';
  created_at: number;
  created_by: string;
  removed_at: number | null;
}

/** Damaged text reads as nothing: the account then shows no known limits, and the room's accounts still list. */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const toAccount = (row: AccountRow): AccountView => {
  const limits = PublishLimitsView.safeParse(jsonOrNull(row.limits));
  return {
    id: row.id,
    roomId: row.room_id,
    network: row.network,
    label: row.label,
    handle: row.handle,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    server: row.server,
    limits: limits.success ? limits.data : null,
    status: row.status,
    removedAt: row.removed_at,
    createdAt: row.created_at,
  };
};

export interface NewAccount extends Omit<AccountView, 'removedAt' | 'status'> {
  createdBy: string;
}

/** Publishing accounts of a room. Credentials are not here: they live in the secret store. */
export function createAccountRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO publish_accounts (id, room_id, network, label, handle, display_name, avatar_url, server, limits,
       created_at, created_by)
     VALUES (@id, @roomId, @network, @label, @handle, @displayName, @avatarUrl, @server, @limits, @createdAt, @createdBy)`,
  );
  const byId = db.prepare<[string], AccountRow>('SELECT * FROM publish_accounts WHERE id = ?');
  const ofRoom = db.prepare<[string], AccountRow>(
    'SELECT * FROM publish_accounts WHERE room_id = ? ORDER BY created_at, id LIMIT 200',
  );
  const markRemoved = db.prepare<[number, string]>(
    'UPDATE publish_accounts SET removed_at = ? WHERE id = ? AND removed_at IS NULL',
  );
  const setStatus = db.prepare<['ok' | 'reconnect', string]>('UPDATE publish_accounts SET status = ? WHERE id = ?');
  return {
    insert(account: NewAccount): void {
      insert.run({ ...account, limits: JSON.stringify(account.limits ?? {}) });
    },
    get(id: string): AccountView | undefined {
      const row = byId.get(id);
      return row ? toAccount(row) : undefined;
    },
    ofRoom: (roomId: string): AccountView[] => ofRoom.all(roomId).map(toAccount),
    remove: (id: string, at: number): boolean => markRemoved.run(at, id).changes === 1,
    setStatus: (id: string, status: 'ok' | 'reconnect'): void => void setStatus.run(status, id),
  };
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;

export const StoredMedia = z.array(z.object({ name: z.string(), altText: z.string() }));
