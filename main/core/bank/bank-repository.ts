import { z } from 'zod';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import { Network } from '../../../shared/drafts/networks';
import type { Db } from '../db/open-database';

interface BankRow {
  id: string;
  room_id: string;
  title: string;
  body: string;
  networks: string;
  valid_from: number;
  valid_until: number;
  approved_by: string;
  created_at: number;
  cue_id: string | null;
}

const Networks = z.array(Network);

/**
 * The networks a bank entry is meant for; stored text that does not read (damaged, or a
 * network only a newer Riposte knows) reads as none, so the writer picks them, and the
 * room's bank still lists every entry.
 */
function networksOf(json: string): Network[] {
  try {
    const networks = Networks.safeParse(JSON.parse(json));
    return networks.success ? networks.data : [];
  } catch {
    return [];
  }
}

const toBank = (row: BankRow): BankEntry => ({
  id: row.id,
  roomId: row.room_id,
  title: row.title,
  body: row.body,
  networks: networksOf(row.networks),
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  approvedBy: row.approved_by,
  createdAt: row.created_at,
  cueId: row.cue_id,
});

export type BankRepository = ReturnType<typeof createBankRepository>;

/** The only SQL over content_bank. Cues belong to moments: offers take cue ids, not a join. */
export function createBankRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO content_bank (id, room_id, title, body, networks, valid_from, valid_until, approved_by, created_at, cue_id)
     VALUES (@id, @roomId, @title, @body, @networks, @validFrom, @validUntil, @approvedBy, @createdAt, @cueId)`,
  );
  const link = db.prepare<[string | null, string]>('UPDATE content_bank SET cue_id = ? WHERE id = ?');
  const ofRoom = db.prepare<[string], BankRow>(
    'SELECT * FROM content_bank WHERE room_id = ? ORDER BY valid_until LIMIT 500',
  );
  const byId = db.prepare<[string], BankRow>('SELECT * FROM content_bank WHERE id = ?');
  const validForCue = db.prepare<[string, number, number], BankRow>(
    'SELECT * FROM content_bank WHERE cue_id = ? AND valid_from <= ? AND valid_until > ? ORDER BY valid_until LIMIT 20',
  );

  return {
    add: (entry: BankEntry) => insert.run({ ...entry, networks: JSON.stringify(entry.networks) }),
    ofRoom: (roomId: string): BankEntry[] => ofRoom.all(roomId).map(toBank),
    entry(id: string): BankEntry | undefined {
      const row = byId.get(id);
      return row ? toBank(row) : undefined;
    },
    link: (id: string, cueId: string | null) => link.run(cueId, id),
    /** The texts tied to any of `cueIds`, valid at `at`, soonest to lapse first. */
    validFor(cueIds: string[], at: number): BankEntry[] {
      const rows = cueIds.flatMap((cueId) => validForCue.all(cueId, at, at));
      return rows
        .sort((a, b) => a.valid_until - b.valid_until)
        .slice(0, 20)
        .map(toBank);
    },
  };
}
