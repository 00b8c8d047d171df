import { describe, expect, it } from 'vitest';
import type { Item, NormalizedItem } from '../../../shared/domain/item';
import type { Room } from '../../../shared/rooms/room';
import type { Source } from '../../../shared/sources/source';
import type { IngestRuntime, PollJob, PollOutcome } from '../ingest/pipeline/ingest-runtime';
import { tempCoresPerTest, waitForEvent } from '../testing/temp-core';
import { said } from '../../../shared/sources/health-problem';

type Scripted = (job: PollJob) => Omit<PollOutcome, 'sourceId'>;

/** A worker stand-in that answers each poll from a script and records the jobs it saw. */
function scriptedRuntime(script: Scripted) {
  const jobs: PollJob[] = [];
  const runtime: IngestRuntime = {
    poll: async (job) => {
      jobs.push(job);
      return { sourceId: job.sourceId, ...script(job) };
    },
    startStream: () => {},
    stopStream: () => {},
    close: async () => {},
  };
  return { runtime, jobs };
}

const item = (extId: string, url: string | null = `https://news.example.com/${extId}`): NormalizedItem => ({
  extId,
  url,
  authorHandle: '@reporter',
  authorName: 'Reporter',
  text: `Item ${extId}`,
  html: null,
  language: 'fr',
  publishedAt: 1_700_000_000_000,
  engagement: { likes: 3 },
  mediaUrls: [],
});

const memory = { etag: '"v1"', lastModified: null, cursor: null };
const okOutcome = (items: NormalizedItem[]) => ({
  items,
  state: memory,
  result: { kind: 'ok' as const },
  retryAfterMs: null,
  maxAgeMs: null,
  hasMore: false,
});

const createTempCore = tempCoresPerTest();

async function setUp(script: Scripted) {
  const { runtime, jobs } = scriptedRuntime(script);
  const core = createTempCore(undefined, { ingestRuntime: runtime });
  const created = await core.dispatch('rooms.create', {
    name: 'Final',
    startsAt: 1,
    endsAt: 2,
    timeZone: 'Europe/Paris',
    language: 'fr',
  });
  if (!created.ok) throw new Error(created.message);
  return { core, jobs, room: created.value as Room };
}

const healthy = (name: string) => (payload: { source: Source }) =>
  payload.source.label === name && payload.source.health.state !== 'idle';

describe('sources and ingestion', () => {
  it('polls a new feed, stores its items once, and reports health', async () => {
    const { core, jobs, room } = await setUp(() => okOutcome([item('a'), item('b'), item('a')]));
    const added = waitForEvent(core, 'items.added');
    const health = waitForEvent(core, 'sources.changed', healthy('Le Direct'));
    const result = await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Le Direct',
      config: { kind: 'feed', url: 'https://news.example.com/feed.xml' },
    });
    expect(result.ok).toBe(true);

    const { source } = await health;
    expect(source.health).toMatchObject({ state: 'ok', itemsTaken: 2, consecutiveFailures: 0, lastError: null });
    expect(await added).toMatchObject({ roomId: room.id, count: 2 });
    expect(jobs[0]).toMatchObject({ config: { kind: 'feed' }, state: { etag: null }, credential: null });

    const latest = await core.dispatch('items.latest', { roomId: room.id });
    expect(latest.ok && (latest.value as Item[]).map((stored) => stored.extId).sort()).toEqual(['a', 'b']);
  });

  it('marks the same article from a second source as a duplicate', async () => {
    const { core, room } = await setUp((job) =>
      okOutcome([item(job.sourceId.slice(0, 8), 'https://www.news.example.com/story?utm_source=x#top')]),
    );
    for (const label of ['One', 'Two']) {
      const done = waitForEvent(core, 'sources.changed', healthy(label));
      await core.dispatch('sources.add', {
        roomId: room.id,
        label,
        config: { kind: 'feed', url: `https://${label}.example.com/f` },
      });
      await done;
    }
    const latest = await core.dispatch('items.latest', { roomId: room.id });
    const items = latest.ok ? (latest.value as Item[]) : [];
    expect(items).toHaveLength(2);
    expect(items.filter((stored) => stored.duplicateOf !== null)).toHaveLength(1);
  });

  it('says why a source fails, backs off after three failures, and treats offline as a state', async () => {
    let answer: 'http' | 'offline' = 'http';
    const { core, room } = await setUp(() => ({
      items: [],
      state: memory,
      result: {
        kind: 'failed',
        failure: answer,
        ...(answer === 'http' ? said('httpStatus', { status: '404 Not Found' }) : said('offline')),
      },
      retryAfterMs: null,
      maxAgeMs: null,
      hasMore: false,
    }));
    const first = waitForEvent(core, 'sources.changed', healthy('Broken'));
    const added = await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Broken',
      config: { kind: 'feed', url: 'https://x.example.com/f' },
    });
    const id = added.ok ? (added.value as Source).id : '';
    expect((await first).source.health).toMatchObject({
      state: 'error',
      consecutiveFailures: 1,
      lastError: 'The server answered 404 Not Found',
      problem: { code: 'httpStatus', params: { status: '404 Not Found' } },
    });

    for (const failures of [2, 3]) {
      const next = waitForEvent(core, 'sources.changed', (p) => p.source.health.consecutiveFailures === failures);
      await core.dispatch('sources.pollNow', { id });
      const { source } = await next;
      expect(source.health.state).toBe(failures >= 3 ? 'backoff' : 'error');
    }

    answer = 'offline';
    const offline = waitForEvent(core, 'sources.changed', (p) => p.source.health.state === 'offline');
    await core.dispatch('sources.pollNow', { id });
    expect((await offline).source.health).toMatchObject({
      consecutiveFailures: 3,
      lastError: 'No network: waiting to reconnect',
      problem: { code: 'offline', params: {} },
    });
  });

  it('keeps credentials in main: the contract only says one is set', async () => {
    const { core, jobs, room } = await setUp(() => okOutcome([]));
    const polled = waitForEvent(core, 'sources.changed', healthy('Tag'));
    const added = await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Tag',
      config: { kind: 'reddit', mode: 'search', query: 'finale' },
      credential: 'super-secret-token',
    });
    await polled;
    expect(JSON.stringify(added)).not.toContain('super-secret-token');
    expect(added).toMatchObject({ ok: true, value: { credentialSet: true } });
    expect(JSON.stringify(await core.dispatch('sources.list', { roomId: room.id }))).not.toContain(
      'super-secret-token',
    );
    expect(jobs[0]?.credential).toBe('super-secret-token');
  });

  it('refuses bad sources with the field that is wrong, and stores nothing', async () => {
    const { core, room } = await setUp(() => okOutcome([]));
    const bad = [
      [{ kind: 'feed', url: 'javascript:alert(1)' }, 'config.url'],
      [{ kind: 'feed', url: 'not a url' }, 'config.url'],
      [{ kind: 'mastodon', instance: 'https://m.example', tag: 'two words' }, 'config.tag'],
      [{ kind: 'reddit', mode: 'subreddit', subreddit: 'x' }, 'config.subreddit'],
      [{ kind: 'carrier-pigeon' }, 'config.kind'],
    ] as const;
    for (const [config, field] of bad) {
      const result = await core.dispatch('sources.add', { roomId: room.id, label: 'Bad', config });
      expect(result).toMatchObject({ ok: false, code: 'invalid_input', field });
    }
    expect(await core.dispatch('sources.list', { roomId: room.id })).toEqual({ ok: true, value: [] });
  });

  it('pauses, resumes and removes a source with its items', async () => {
    const { core, jobs, room } = await setUp(() => okOutcome([item('a')]));
    const polled = waitForEvent(core, 'sources.changed', healthy('Feed'));
    const added = await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Feed',
      config: { kind: 'feed', url: 'https://f.example.com/f' },
    });
    const id = added.ok ? (added.value as Source).id : '';
    await polled;
    expect(await core.dispatch('sources.pause', { id })).toMatchObject({
      ok: true,
      value: { paused: true, health: { state: 'paused' } },
    });
    const before = jobs.length;
    await core.dispatch('sources.pollNow', { id });
    expect(jobs.length).toBe(before);
    expect(await core.dispatch('sources.resume', { id })).toMatchObject({ ok: true, value: { paused: false } });
    const removed = waitForEvent(core, 'sources.removed');
    expect(await core.dispatch('sources.remove', { id })).toEqual({ ok: true, value: { id } });
    await removed;
    expect(await core.dispatch('items.latest', { roomId: room.id })).toEqual({ ok: true, value: [] });
  });

  it('lists an item whose stored media does not read, without its media, beside the others', async () => {
    const { core, room } = await setUp(() =>
      okOutcome([{ ...item('a'), mediaUrls: ['https://img.example.com/a.jpg'] }, item('b')]),
    );
    const added = waitForEvent(core, 'items.added');
    await core.dispatch('sources.add', {
      roomId: room.id,
      label: 'Photos',
      config: { kind: 'feed', url: 'https://p.example.com/f' },
    });
    await added;
    core.db.prepare("UPDATE items SET media = '[\"https://img.exa' WHERE ext_id = 'a'").run();
    const latest = await core.dispatch('items.latest', { roomId: room.id });
    expect(latest.ok && (latest.value as Item[]).map((stored) => [stored.extId, stored.mediaUrls]).sort()).toEqual([
      ['a', []],
      ['b', []],
    ]);
  });
});
