import { afterEach, describe, expect, it, vi } from 'vitest';
import { NormalizedItem } from '../../../../shared/domain/item';
import {
  makePostEvent,
  startJetstreamServer,
  type FakeJetstreamServer,
  type JetstreamEvent,
} from '../testing/jetstream-server';
import { JetstreamClient, type JetstreamBatch } from './jetstream-client';

const second = 1_000_000;
const start = 1_750_000_000 * second;
let server: FakeJetstreamServer | null = null;
let client: JetstreamClient | null = null;
afterEach(async () => {
  client?.stop();
  client = null;
  await server?.close();
  server = null;
});

/** 40 events one second apart: every third post mentions the final, some are other kinds or collections. */
function scriptedEvents(): JetstreamEvent[] {
  const events: JetstreamEvent[] = [];
  for (let i = 0; i < 40; i += 1) {
    const timeUs = start + i * second;
    if (i % 7 === 6) events.push({ did: 'did:plc:other', time_us: timeUs, kind: 'identity' });
    else if (i % 3 === 0) events.push(makePostEvent(`did:plc:u${i % 4}`, `rk${i}`, timeUs, `La FINALE commence ${i}`));
    else events.push(makePostEvent('did:plc:quiet', `rk${i}`, timeUs, `nothing to see ${i}`));
  }
  return events;
}

function startClient(url: string, options: Partial<ConstructorParameters<typeof JetstreamClient>[0]> = {}) {
  const batches: JetstreamBatch[] = [];
  client = new JetstreamClient({
    url,
    keywords: ['finale'],
    backoff: { initialMs: 5, maxMs: 20 },
    batchMaxItems: 4,
    batchMaxDelayMs: 10,
    onBatch: (batch) => batches.push(batch),
    ...options,
  });
  client.start();
  return batches;
}

const rkeys = (batches: JetstreamBatch[]) =>
  batches.flatMap((batch) => batch.items.map((item) => item.extId.split('/').pop()));

describe('JetstreamClient', () => {
  it('emits matching posts in batches with the post URL and a cursor to persist', async () => {
    server = await startJetstreamServer({ events: scriptedEvents() });
    const batches = startClient(server.url, {
      wantedDids: ['did:plc:u0', 'did:plc:u1', 'did:plc:u2', 'did:plc:u3', 'did:plc:quiet'],
    });
    const expected = scriptedEvents().filter((event) => event.kind === 'commit' && event.did !== 'did:plc:quiet');
    await vi.waitFor(() => expect(rkeys(batches)).toHaveLength(expected.length));
    expect(server.connections[0]).toMatchObject({ cursor: null, wantedCollections: ['app.bsky.feed.post'] });
    expect(server.connections[0]?.wantedDids).toHaveLength(5);
    expect(batches.every((batch) => batch.items.length <= 4)).toBe(true);
    const [first] = batches[0]?.items ?? [];
    expect(first).toEqual({
      extId: 'at://did:plc:u0/app.bsky.feed.post/rk0',
      url: 'https://bsky.app/profile/did:plc:u0/post/rk0',
      authorHandle: 'did:plc:u0',
      authorName: null,
      text: 'La FINALE commence 0',
      html: null,
      language: 'fr',
      publishedAt: start / 1000,
      engagement: {},
      mediaUrls: [],
    });
    expect(NormalizedItem.safeParse(first).success).toBe(true);
    // The identity event after the last post also moves the cursor: the whole stream was handled up to there.
    await vi.waitFor(() => expect(client?.getCursor()).toBe(start + 39 * second));
  });

  it('resumes from the cursor minus 5 s after a mid-stream drop, with no loss and no duplicates', async () => {
    server = await startJetstreamServer({ events: scriptedEvents(), dropAfter: [17, 9] });
    const batches = startClient(server.url);
    const expected = scriptedEvents()
      .filter((event) => event.kind === 'commit' && event.did !== 'did:plc:quiet')
      .map((event) => event.commit?.rkey);
    await vi.waitFor(() => expect(rkeys(batches)).toEqual(expected), { timeout: 5000 });
    expect(server.connections.map((connection) => connection.cursor)).toEqual([
      null,
      start + 16 * second - 5 * second,
      start + 19 * second - 5 * second,
    ]);
    expect(new Set(rkeys(batches)).size).toBe(rkeys(batches).length);
  });

  it('starts from a persisted cursor, rewound by 5 s', async () => {
    server = await startJetstreamServer({ events: scriptedEvents() });
    const batches = startClient(server.url, { cursor: start + 30 * second });
    await vi.waitFor(() => expect(rkeys(batches)).toEqual(['rk30', 'rk33', 'rk36', 'rk39']));
    expect(server.connections[0]?.cursor).toBe(start + 25 * second);
  });

  it('flushes what is pending on stop so the persisted cursor never skips unhanded posts', async () => {
    server = await startJetstreamServer({ events: [makePostEvent('did:plc:a', 'one', start, 'finale!')] });
    // Timers that never fire: the batch can only leave through stop().
    const scheduled: number[] = [];
    const timers = {
      now: () => 0,
      setTimeout: (_callback: () => void, ms: number) => scheduled.push(ms),
      clearTimeout: () => undefined,
    };
    const batches = startClient(server.url, { batchMaxDelayMs: 60_000, timers, idleTimeoutMs: null });
    await vi.waitFor(() => expect(scheduled).toEqual([60_000]));
    expect(client?.getCursor()).toBe(null);
    client?.stop();
    expect(rkeys(batches)).toEqual(['one']);
    expect(batches[0]?.cursor).toBe(start);
    expect(client?.getCursor()).toBe(start);
  });
});
