import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { NormalizedItem } from '../../shared/domain/item';
import type { Source } from '../../shared/sources/source';
import { createItemWriter } from '../core/items/item-writer';
import { createTempCore, createTestRoom, tempDir, valueOf } from '../core/testing/temp-core';
import { startHost, type RunningHost } from './start-host';
import { clientFrame, stalledClient } from './testing/stalled-client';
import { maxCallsInFlight } from './websocket-api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const T0 = Date.UTC(2026, 6, 14, 20);

/** A host whose room holds 500 items, so `items.latest` answers are large (200 items, ~120 KiB each). */
async function setUp(limits: Parameters<typeof startHost>[0]['limits']) {
  const core = createTempCore(() => T0, { startIngest: false });
  cleanups.push(() => core.dispose());
  const room = await createTestRoom(core, T0, { hours: 1 });
  const source = valueOf<Source>(
    await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Wire',
      config: { kind: 'feed', url: 'https://news.example.com/feed.xml' },
    }),
  );
  const items: NormalizedItem[] = Array.from({ length: 500 }, (_, index) => ({
    extId: `i${index}`,
    url: `https://news.example.com/${index}`,
    authorHandle: '@wire',
    authorName: 'Wire',
    text: `Item ${index} `.repeat(40),
    html: null,
    language: 'fr',
    publishedAt: T0 - index * 1000,
    engagement: {},
    mediaUrls: [],
  }));
  createItemWriter(core.db).writeBatch(room.id, source.id, items, T0);
  const renderer = tempDir();
  cleanups.push(() => renderer.dispose());
  // Counts the calls the host has running at once, whatever the socket sent.
  const running = { now: 0, most: 0 };
  const dispatch: typeof core.dispatch = async (name, input, session) => {
    running.now += 1;
    running.most = Math.max(running.most, running.now);
    try {
      return await core.dispatch(name, input, session);
    } finally {
      running.now -= 1;
    }
  };
  const host = await startHost({
    core: { ...core, dispatch },
    rendererDir: renderer.path,
    token: 'test-token-123',
    ...(limits ? { limits } : {}),
  });
  cleanups.push(() => host.close());
  return { host, roomId: room.id, running };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

function openClient(host: RunningHost): Promise<{ socket: WebSocket; status: number | null }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, {
      headers: { cookie: 'riposte_session=test-token-123', origin: `http://127.0.0.1:${host.port}` },
    });
    cleanups.push(() => socket.terminate());
    socket.once('open', () => resolve({ socket, status: 101 }));
    socket.once('unexpected-response', (_request, response) =>
      resolve({ socket, status: response.statusCode ?? null }),
    );
    socket.once('error', () => resolve({ socket, status: null }));
  });
}

describe('a client that stops reading', () => {
  it('is closed once its unread answers pass the budget, and the host keeps serving others', async () => {
    const { host, roomId } = await setUp({ maxBufferedBytes: 2 * 1024 * 1024 });
    const stalled = await stalledClient(host.port, host.token);
    cleanups.push(() => void stalled.destroy());
    expect(host.connections()).toBe(1);
    // 500 answers of ~120 KiB: 60 MiB that would sit in the host's memory without the budget.
    for (let id = 1; id <= 500; id++) {
      stalled.write(clientFrame(JSON.stringify({ id, call: 'items.latest', input: { roomId, limit: 200 } })));
    }
    await until(() => host.connections() === 0);
    // (The host's memory with such a client is measured by `npm run bench -- faults`.)

    const { socket, status } = await openClient(host);
    expect(status).toBe(101);
    const answer = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(JSON.stringify({ id: 1, call: 'rooms.list', input: {} }));
    expect(JSON.parse(await answer)).toMatchObject({ kind: 'result', id: 1, result: { ok: true } });
  });

  it('has at most 16 of its calls running, even when hundreds arrive in one read', async () => {
    const { host, roomId, running } = await setUp({ maxBufferedBytes: 2 * 1024 * 1024 });
    const stalled = await stalledClient(host.port, host.token);
    cleanups.push(() => void stalled.destroy());
    // One write: ws parses every frame of what it read, paused or not.
    const frames = Array.from({ length: 500 }, (_, index) =>
      clientFrame(JSON.stringify({ id: index + 1, call: 'items.latest', input: { roomId, limit: 200 } })),
    );
    stalled.write(Buffer.concat(frames));
    await until(() => host.connections() === 0);
    await until(() => running.now === 0);
    expect(running.most).toBeGreaterThan(1);
    expect(running.most).toBeLessThanOrEqual(maxCallsInFlight);
  });

  it('is closed when stalled sockets together pass the host budget, each under its own', async () => {
    const { host, roomId } = await setUp({
      maxBufferedBytes: 256 * 1024 * 1024,
      maxBufferedBytesTotal: 2 * 1024 * 1024,
    });
    const stalled = [await stalledClient(host.port, host.token), await stalledClient(host.port, host.token)];
    for (const socket of stalled) cleanups.push(() => void socket.destroy());
    expect(host.connections()).toBe(2);
    for (const socket of stalled) {
      for (let id = 1; id <= 300; id++) {
        socket.write(clientFrame(JSON.stringify({ id, call: 'items.latest', input: { roomId, limit: 200 } })));
      }
    }
    await until(() => host.connections() === 0);
    expect((await openClient(host)).status).toBe(101);
  });

  it('cannot open connections without bound: one address is capped, then the whole host', async () => {
    const { host } = await setUp({ maxSocketsPerAddress: 3, maxSockets: 3 });
    for (let index = 0; index < 3; index++) expect((await openClient(host)).status).toBe(101);
    expect(await openClient(host)).toMatchObject({ status: 503 });
    expect(host.connections()).toBe(3);
  });
});
