import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Source } from '../../shared/sources/source';
import { createCore, type Core } from '../../main/core/create-core';
import { registerStoreFunctions } from '../../main/core/db/store-functions';
import { idleRuntime } from '../../main/core/testing/temp-core';
import { callerAs } from './publish/bench-room';
import { buildSyntheticRoom } from './synthetic-room';

let core: Core | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  core = null;
  dataDir = null;
});

const open = (dir: string) =>
  createCore({ dataDir: dir, shell: 'serve', version: 'test', seedDemo: false, ingestRuntime: idleRuntime });

describe('the benchmarks’ synthetic room', () => {
  it('is a room the app reads: sources.list answers with its sources (it answered `internal`)', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'riposte-synthetic-'));
    // As the live benchmark does it: the core migrates the store, the room is written beside it.
    await open(dataDir).close();
    const db = new Database(join(dataDir, 'riposte.sqlite'));
    try {
      db.pragma('foreign_keys = ON');
      registerStoreFunctions(db);
      buildSyntheticRoom(db, {
        items: 2_000,
        roomId: 'scroll',
        startMs: Date.UTC(2026, 0, 1),
        durationMs: 3_600_000,
        seed: 7,
      });
      db.prepare("UPDATE sources SET paused = 1, state = 'paused' WHERE room_id = ?").run('scroll');
    } finally {
      db.close();
    }
    core = open(dataDir);
    const anyone = callerAs(core, null, null);

    const sources = await anyone<Source[]>('sources.list', { roomId: 'scroll' });
    expect(sources).toHaveLength(20);
    expect(sources.filter((source) => source.allied)).toHaveLength(3);
    expect(sources.every((source) => source.config?.kind === 'mastodon' && source.paused)).toBe(true);
    const latest = await anyone<unknown[]>('items.latest', { roomId: 'scroll', limit: 10 });
    expect(latest).toHaveLength(10);
  });
});
