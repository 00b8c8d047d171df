import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { ItemWriter } from '../../items/item-writer';
import type { Logger } from '../../log/rotating-log';
import { serializeRecording, type RecordedItem } from '../../recordings/recording';
import { tempDir } from '../../testing/temp-core';
import type { SourceRecord, SourceRecords } from '../pipeline/source-records';
import { createReplayRunner, progressEveryMs } from './replay-runner';
import { FakeClock } from './testing/fake-clock';

const eventStart = Date.UTC(2026, 6, 12, 18, 0, 0);
const wallStart = Date.UTC(2030, 0, 1, 9, 0, 0);
const dirs: Array<{ dispose(): void }> = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.dispose()));

/** A recording with one item every 10 ms of event time (100 items/s at speed 1) for `seconds`. */
function recordingFile(seconds: number): string {
  const dir = tempDir();
  dirs.push(dir);
  const items: RecordedItem[] = Array.from({ length: seconds * 100 }, (_, n) => ({
    extId: `i${n}`,
    url: null,
    authorHandle: null,
    authorName: null,
    text: `item ${n}`,
    html: null,
    language: 'fr',
    publishedAt: eventStart + n * 10,
    engagement: {},
    mediaUrls: [],
    source: { kind: 'mastodon', label: 'test' },
  }));
  const path = join(dir.path, 'rehearsal.jsonl');
  const header = {
    format: 'riposte-recording',
    version: 1,
    title: 'test',
    startsAt: eventStart,
    endsAt: eventStart + seconds * 1000,
    timeZone: 'Europe/Paris',
    language: 'fr',
  } as const;
  writeFileSync(path, serializeRecording(header, items));
  return path;
}

const quietLog: Logger = {
  file: 'test.log',
  info: () => {},
  warn: () => {},
  error: () => {},
} as unknown as Logger;

/** One replay source and a store that keeps what the runner saves; `store` stands in for the writer thread. */
function setUp(recording: string) {
  const record: SourceRecord = {
    id: 'replay-1',
    roomId: 'room-1',
    kind: 'replay',
    label: 'Rehearsal',
    config: { kind: 'replay', recording, speed: 1 },
    paused: false,
    allied: false,
    health: {
      state: 'idle',
      lastFetchAt: null,
      nextPollAt: null,
      itemsTaken: 0,
      consecutiveFailures: 0,
      lastError: null,
      problem: null,
      notices: [],
    },
    createdAt: wallStart,
    memory: { etag: null, lastModified: null, cursor: null },
  };
  const saves: Array<{ newItems: number; cursor: string | null }> = [];
  const sources: SourceRecords = {
    get: () => record,
    active: () => [record],
    saveHealth: (_id, _health, memory, newItems) => saves.push({ newItems, cursor: memory.cursor }),
  };
  const mainThreadWrites: number[] = [];
  let nextId = 1;
  const writer: ItemWriter = {
    writeBatch: (_room, _source, items) => {
      mainThreadWrites.push(items.length);
      return { inserted: items.length, ids: items.map(() => nextId++) };
    },
  };
  const storedInThread: number[] = [];
  const store = (_room: string, _source: string, items: NormalizedItem[]) => {
    storedInThread.push(items.length);
    return Promise.resolve(items.map(() => nextId++));
  };
  const clock = new FakeClock(wallStart);
  const told: number[] = [];
  const runner = createReplayRunner({
    resourcesDir: '/nowhere',
    sources,
    writer,
    store,
    writeTurn: (write) => Promise.resolve(write()),
    log: quietLog,
    now: () => clock.now(),
    clock,
    onItems: (_room, _source, ids) => told.push(...ids),
    onHealth: () => {},
    onState: () => {},
  });
  return { record, runner, clock, saves, told, mainThreadWrites, storedInThread };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a replay on the host', () => {
  it('stores its batches off the main thread and saves its position at most once a second', async () => {
    const { record, runner, clock, saves, told, mainThreadWrites, storedInThread } = setUp(recordingFile(10));
    runner.start(record);
    for (let step = 0; step < 30; step += 1) {
      clock.advance(100);
      await settle();
    }
    // 3 s at 100 items/s: every item stored (by the stand-in writer thread), and told as it was stored.
    expect(mainThreadWrites).toEqual([]);
    expect(storedInThread.reduce((sum, count) => sum + count, 0)).toBe(told.length);
    expect(told.length).toBeGreaterThanOrEqual(290);
    // About 30 batches, but the position and health line only once per second (+ the start).
    const batchSaves = saves.filter((save) => save.newItems > 0);
    expect(batchSaves.length).toBeLessThanOrEqual(3000 / progressEveryMs + 1);
    expect(batchSaves.length).toBeGreaterThanOrEqual(2);
    // Nothing counted twice nor lost: saved counts plus what waits for the next save are every item.
    runner.control(record.id, 'pause');
    await settle();
    expect(saves.reduce((sum, save) => sum + save.newItems, 0)).toBe(told.length);
    expect(saves.at(-1)?.cursor).toContain('"status":"paused"');
    runner.close();
  });
});
