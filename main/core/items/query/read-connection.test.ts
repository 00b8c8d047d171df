import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database';
import { openReadDb } from '../../db/read-db';
import { newestMatching, volumePerMinute } from '.';

it('column queries run on the read-only connection, prefix words included (their word list is a temp table)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riposte-test-'));
  const main = openDatabase(dir);
  const read = openReadDb(main);
  try {
    expect(newestMatching(read.db, 'room', 'arbit* OR #Blackout', {}, { limit: 5 })).toEqual([]);
    expect(volumePerMinute(read.db, 'room', 'arbit*', { from: 0, to: 60_000 })).toEqual([]);
  } finally {
    read.close();
    main.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
