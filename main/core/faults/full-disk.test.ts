import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedItem } from '../../../shared/domain/item';
import type { Room } from '../../../shared/rooms/room';
import type { Db } from '../db/open-database';
import type { IngestRuntime, PollJob } from '../ingest/pipeline/ingest-runtime';
import { tempCoresPerTest, waitForEvent } from '../testing/temp-core';

const createTempCore = tempCoresPerTest();

/**
 * A real SQLITE_FULL from SQLite itself: the file may not grow by one page more. Raising
 * the cap again is the person freeing space.
 */
function fillDisk(db: Db): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
}
function freeSpace(db: Db): void {
  db.pragma('max_page_count = 1073741823');
}

/** Each poll brings 300 new items (a few pages' worth once indexed). */
function feedingRuntime() {
  let polls = 0;
  const jobs: PollJob[] = [];
  const runtime: IngestRuntime = {
    poll: async (job) => {
      jobs.push(job);
      const batch = polls++;
      const items: NormalizedItem[] = Array.from({ length: 300 }, (_, index) => ({
        extId: `p${batch}-${index}`,
        url: `https://news.example.com/${batch}/${index}`,
        authorHandle: '@reporter',
        authorName: 'Reporter',
        text: `Breaking item ${batch}-${index} `.repeat(8),
        html: null,
        language: 'fr',
        publishedAt: 1_700_000_000_000 + index,
        engagement: {},
        mediaUrls: [],
      }));
      return {
        sourceId: job.sourceId,
        items,
        state: { etag: null, lastModified: null, cursor: null },
        result: { kind: 'ok' },
        retryAfterMs: null,
        // Poll again at once: the test decides when the disk fills.
        maxAgeMs: null,
        hasMore: true,
      };
    },
    startStream: () => {},
    stopStream: () => {},
    close: async () => {},
  };
  return { runtime, jobs, fetched: () => polls * 300 };
}

const roomInput = { name: 'Election night', startsAt: 1, endsAt: 2, timeZone: 'Europe/Paris', language: 'fr' };

async function roomIn(core: ReturnType<typeof createTempCore>): Promise<Room> {
  const created = await core.dispatch('rooms.create', roomInput);
  if (!created.ok) throw new Error(created.message);
  return created.value as Room;
}

const storedItems = (db: Db): number => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items').get()?.n ?? 0;

const recordingDirs: string[] = [];
afterEach(() => {
  for (const dir of recordingDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A recording of 3,000 items, 20 per second of event time: at 60x, a few hundred per batch. */
function denseRecording(): { path: string; total: number } {
  const dir = mkdtempSync(join(tmpdir(), 'riposte-recording-'));
  recordingDirs.push(dir);
  const startsAt = Date.UTC(2026, 5, 1, 20);
  const total = 3000;
  const lines = [
    JSON.stringify({
      format: 'riposte-recording',
      version: 1,
      title: 'Dense night',
      startsAt,
      endsAt: startsAt + 3_600_000,
      timeZone: 'Europe/Paris',
      language: 'fr',
    }),
    ...Array.from({ length: total }, (_, index) =>
      JSON.stringify({
        extId: `r${index}`,
        publishedAt: startsAt + index * 50,
        source: { kind: 'feed', label: 'Wire' },
        url: `https://news.example.com/r/${index}`,
        authorHandle: '@wire',
        authorName: 'Wire',
        language: 'fr',
        text: `Replayed item ${index} `.repeat(8),
        html: null,
        engagement: {},
        mediaUrls: [],
      }),
    ),
  ];
  const path = join(dir, 'dense.jsonl');
  writeFileSync(path, lines.join('\n'));
  return { path, total };
}

describe('a full disk', () => {
  it('refuses a write with a plain answer, says so everywhere, and keeps what was saved', async () => {
    const core = createTempCore(undefined, { storageRetryMs: 5 });
    const room = await roomIn(core);
    fillDisk(core.db);
    const paused = waitForEvent(core, 'storage.changed', (status) => status.state === 'full');

    // Rooms are created until one needs a new page: refused, not "internal", and the host lives on.
    let refused = await core.dispatch('rooms.create', { ...roomInput, name: 'Room 0'.padEnd(110, '.') });
    for (let attempt = 1; refused.ok && attempt < 1000; attempt++) {
      refused = await core.dispatch('rooms.create', { ...roomInput, name: `Room ${attempt}`.padEnd(110, '.') });
    }
    expect(refused).toMatchObject({
      ok: false,
      code: 'unavailable',
      messageKey: 'errors.faults.diskFull',
      message: expect.stringContaining('The disk is full: this was not saved'),
    });
    expect(await paused).toMatchObject({ state: 'full', messageKey: 'faults.storage.full' });
    const info = await core.dispatch('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { storage: { state: 'full', message: expect.stringContaining('nothing typed is lost') } },
    });
    // Reading keeps working, and the room saved before is intact.
    const listed = await core.dispatch('rooms.list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ id: room.id })]),
    });

    const resumed = waitForEvent(core, 'storage.changed', (status) => status.state === 'ok');
    freeSpace(core.db);
    await resumed;
    expect(await core.dispatch('rooms.rename', { id: room.id, name: 'Election night, results' })).toMatchObject({
      ok: true,
    });
  });

  it('pauses ingestion instead of ending the host, then stores everything fetched once space returns', async () => {
    const { runtime, fetched } = feedingRuntime();
    const core = createTempCore(undefined, { ingestRuntime: runtime, storageRetryMs: 5 });
    const room = await roomIn(core);
    const firstBatch = waitForEvent(core, 'items.added');
    const added = await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Wire',
      config: { kind: 'feed', url: 'https://news.example.com/feed.xml' },
    });
    expect(added.ok).toBe(true);
    await firstBatch;

    const paused = waitForEvent(core, 'storage.changed', (status) => status.state === 'full');
    fillDisk(core.db);
    await paused;
    // While paused, no more is fetched: the poll that hit the full disk waits with its items.
    const fetchedWhilePaused = fetched();
    const stored = storedItems(core.db);
    expect(stored).toBeLessThan(fetchedWhilePaused);

    const resumed = waitForEvent(core, 'storage.changed', (status) => status.state === 'ok');
    const caughtUp = waitForEvent(core, 'items.added', () => storedItems(core.db) >= fetchedWhilePaused);
    freeSpace(core.db);
    await resumed;
    await caughtUp;
    // Nothing fetched was lost, and polling went on after the pause.
    expect(storedItems(core.db)).toBeGreaterThanOrEqual(fetchedWhilePaused);
    await waitForEvent(core, 'items.added', () => fetched() > fetchedWhilePaused);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('pauses a replay whose batch hit the full disk (no crash in its timer) and plays every item once space returns', async () => {
    const { path, total } = denseRecording();
    const core = createTempCore(undefined, { storageRetryMs: 5 });
    const room = await roomIn(core);
    const firstBatch = waitForEvent(core, 'items.added');
    const added = await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Rehearsal',
      config: { kind: 'replay', recording: path, speed: 60 },
    });
    expect(added).toMatchObject({ ok: true });
    await firstBatch;

    const paused = waitForEvent(core, 'storage.changed', (status) => status.state === 'full', 10_000);
    fillDisk(core.db);
    await paused;
    const resumed = waitForEvent(core, 'storage.changed', (status) => status.state === 'ok', 10_000);
    const all = waitForEvent(core, 'items.added', () => storedItems(core.db) === total, 30_000);
    freeSpace(core.db);
    await resumed;
    await all;
    expect(storedItems(core.db)).toBe(total);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 40_000);
});
