import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import type { AccountView, EntryView } from '../../../shared/publishing/outbox';
import { ensureAssetFolder } from '../assets/asset-folder';
import { createMastodonPublisher } from '../networks/mastodon/publish';
import type { CreatePublisher } from '../networks/publishing/publisher';
import {
  startMastodonPublishServer,
  type FakeMastodonPublishServer,
  type MastodonPublishServerOptions,
} from '../networks/testing/mastodon-publish-server';
import { tempCoresPerTest, waitForEvent } from '../testing/temp-core';
import { MAX_ATTEMPTS, retryDelayMs } from './outbox-sender';
import { setUpOutbox, testClock } from './testing/outbox-test-kit';

const createTempCore = tempCoresPerTest();
let server: FakeMastodonPublishServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const HOLD = 10_000;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The value, or a failure saying it is missing (instead of a non-null assertion). */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
}

/**
 * The outbox with the real Mastodon client against the local server, both on the test's
 * clock: what the account's limits, the network's absence and a failing server do to an
 * entry, as the card shows it.
 */
async function setUp(
  options: MastodonPublishServerOptions & { fetch?: typeof globalThis.fetch; requestTimeoutMs?: number } = {},
) {
  const clock = testClock();
  const local = await startMastodonPublishServer({ now: clock.now, ...options });
  server = local;
  const publishers: CreatePublisher = (credentials, publisherOptions) => {
    if (credentials.network !== 'mastodon') throw new Error('this test only connects Mastodon');
    return createMastodonPublisher(credentials, {
      ...publisherOptions,
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  };
  const kit = await setUpOutbox(createTempCore, { clock, addAccounts: false, core: { createPublisher: publishers } });
  const account = await kit.core.as(kit.lead).call<AccountView>('accounts.addMastodon', {
    roomId: kit.room.id,
    instance: local.origin,
    accessToken: local.token,
  });
  const publish = async (body: string): Promise<EntryView> => {
    const draft = await kit.approvedDraft(body);
    const [entry] = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: draft.id, accountIds: [account.id] });
    return must(entry);
  };
  const entryOf = (view: OutboxView, id: string): EntryView => must(view.entries.find((e) => e.id === id));
  const statusPosts = () => local.requests.filter((r) => r.route === 'POST /api/v1/statuses').length;
  return { kit, server: local, account, publish, entryOf, statusPosts };
}

describe('rate limits', () => {
  it('reads X-RateLimit-Remaining: once the account has none left, its next entry waits for the reset, unsent', async () => {
    const {
      kit,
      server: local,
      account,
      publish,
      entryOf,
      statusPosts,
    } = await setUp({
      rateLimit: { limit: 2, windowMs: 5 * 60_000 },
    });
    expect(account.label).toBe(`@ana@${new URL(local.origin).host}`);
    const first = await publish('Première réponse');
    const second = await publish('Deuxième réponse');
    kit.clock.tick(HOLD);
    await kit.until((v) => [first, second].every((e) => entryOf(v, e.id).state === 'published'));
    const resetAt = kit.clock.now() - HOLD + 5 * 60_000;

    const third = await publish('Troisième réponse');
    kit.clock.tick(HOLD);
    const waiting = await kit.until((v) => entryOf(v, third.id).waitReason === 'rate_limited');
    expect(entryOf(waiting, third.id)).toMatchObject({ state: 'queued', waitUntil: resetAt });
    // The budget said none were left: the third was never sent to meet a 429.
    expect(statusPosts()).toBe(2);

    kit.clock.tick(resetAt - kit.clock.now() + 1);
    await kit.until((v) => entryOf(v, third.id).state === 'published');
    expect(local.postsPerKey(third.id)).toBe(1);
  });

  it('honours 429 Retry-After on the status post, per account, and then goes', async () => {
    const { kit, server: local, publish, entryOf, statusPosts } = await setUp();
    local.scriptNext({ route: 'POST /api/v1/statuses', status: 429, headers: { 'retry-after': '120' } });
    const entry = await publish('Réponse limitée');
    kit.clock.tick(HOLD);
    const sentAt = kit.clock.now();
    const limited = await kit.until((v) => entryOf(v, entry.id).waitReason === 'rate_limited');
    expect(entryOf(limited, entry.id)).toMatchObject({ state: 'queued', waitUntil: sentAt + 120_000 });
    // Another entry of the same account waits for the same time instead of trying.
    const other = await publish('Autre réponse');
    kit.clock.tick(HOLD);
    const both = await kit.until((v) => entryOf(v, other.id).waitReason === 'rate_limited');
    expect(entryOf(both, other.id).waitUntil).toBe(sentAt + 120_000);
    expect(statusPosts()).toBe(1);
    kit.clock.tick(120_000);
    await kit.until((v) => [entry, other].every((e) => entryOf(v, e.id).state === 'published'));
    expect(local.postsPerKey(entry.id) + local.postsPerKey(other.id)).toBe(2);
  });

  it('honours a 429 on the media upload (30 per 30 minutes) and posts nothing before it', async () => {
    const { kit, server: local, account, entryOf, statusPosts } = await setUp();
    const folder = must(ensureAssetFolder(kit.core.dataDir, kit.room.id));
    writeFileSync(join(folder, 'tableau.png'), PNG);
    const created = await kit.core.as(kit.writer).call<DraftView>('drafts.create', {
      roomId: kit.room.id,
      trigger: { kind: 'scratch' },
      body: 'Avec le tableau',
      networks: ['mastodon'],
    });
    await kit.core.as(kit.writer).call('drafts.save', {
      id: created.id,
      body: created.body,
      baseVersion: created.version,
      media: ['tableau.png'],
      altTexts: { 'tableau.png': 'Le tableau des pannes' },
    });
    const template = await kit.call<{ items: { id: string; kind: string; level: string }[] }>('checklist.get', {
      roomId: kit.room.id,
    });
    for (const item of template.items.filter((i) => i.kind === 'question' && i.level === 'required')) {
      await kit.core.as(kit.writer).call('drafts.answer', { id: created.id, itemId: item.id, value: 'pass' });
    }
    await kit.core.as(kit.writer).call('drafts.transition', { id: created.id, action: { type: 'submit' } });
    await kit.core.as(kit.approver).call('drafts.transition', { id: created.id, action: { type: 'approve' } });
    local.scriptNext({ route: 'POST /api/v2/media', status: 429, headers: { 'retry-after': '600' } });
    const [entry] = await kit.core
      .as(kit.writer)
      .call<EntryView[]>('outbox.publish', { draftId: created.id, accountIds: [account.id] });
    const id = must(entry).id;
    kit.clock.tick(HOLD);
    const sentAt = kit.clock.now();
    const limited = await kit.until((v) => entryOf(v, id).waitReason === 'rate_limited');
    expect(entryOf(limited, id)).toMatchObject({ state: 'queued', waitUntil: sentAt + 600_000 });
    expect(statusPosts()).toBe(0);
    kit.clock.tick(600_000);
    await kit.until((v) => entryOf(v, id).state === 'published');
    expect(local.statuses[0]?.media_ids).toHaveLength(1);
    expect([...local.media.values()].map((m) => m.description)).toEqual(['Le tableau des pannes']);
  });
});

describe('offline and freshness', () => {
  it('waits with "offline" while the instance cannot be reached, goes when it is back, asks once past the freshness window', async () => {
    let online = false;
    const refusing: typeof globalThis.fetch = async (input, init) => {
      if (!online) {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        });
      }
      return globalThis.fetch(input, init);
    };
    online = true;
    const { kit, server: local, publish, entryOf, statusPosts } = await setUp({ fetch: refusing });
    online = false;
    const entry = await publish('Réponse hors ligne');
    kit.clock.tick(HOLD);
    const offline = await kit.until((v) => entryOf(v, entry.id).waitReason === 'offline');
    expect(entryOf(offline, entry.id)).toMatchObject({ state: 'queued', attempts: 1 });
    expect(must(entryOf(offline, entry.id).waitUntil)).toBeGreaterThan(kit.clock.now());
    online = true;
    kit.clock.tick(30_000);
    await kit.until((v) => entryOf(v, entry.id).state === 'published');
    expect(local.postsPerKey(entry.id)).toBe(1);

    // A second one stays offline past its draft's freshness window (20 min): it asks first.
    online = false;
    const late = await publish('Réponse qui a trop attendu');
    kit.clock.tick(HOLD);
    await kit.until((v) => entryOf(v, late.id).waitReason === 'offline');
    const stale = waitForEvent(kit.core, 'outbox.alert', (a) => a.kind === 'stale' && a.entryId === late.id);
    online = true;
    kit.clock.tick(26 * 60_000);
    expect((await stale).reason).toMatch(/past its freshness window by \d+ min/);
    const held = await kit.until((v) => entryOf(v, late.id).waitReason === 'stale');
    expect(entryOf(held, late.id)).toMatchObject({ state: 'queued', waitUntil: null });
    expect(statusPosts()).toBe(1);
    await kit.core.as(kit.writer).call('outbox.confirmStale', { id: late.id });
    await kit.until((v) => entryOf(v, late.id).state === 'published');
    expect(local.postsPerKey(late.id)).toBe(1);
  });
  it('reads back an unclear send whose draft went stale: found is published, absent asks (and may be cancelled)', async () => {
    const { kit, server: local, publish, entryOf } = await setUp();
    const postsWithKey = (id: string) =>
      local.requests.filter((r) => r.route === 'POST /api/v1/statuses' && r.idempotencyKey === id).length;
    const readBacks = () => local.requests.filter((r) => r.route.startsWith('GET /api/v1/accounts/42/statuses')).length;

    // Stored by the server, answer lost; the retry comes after the window: read back, found.
    local.dropAfterCommit(1);
    const landed = await publish('Réponse arrivée sans réponse');
    kit.clock.tick(HOLD);
    await kit.until((v) => entryOf(v, landed.id).state === 'unknown');
    kit.clock.tick(26 * 60_000);
    await kit.until((v) => entryOf(v, landed.id).state === 'published');
    expect(postsWithKey(landed.id)).toBe(1);
    expect(readBacks()).toBe(1);
    expect(local.postsPerKey(landed.id)).toBe(1);

    // A 503 (not stored); the retry comes after the window: read back, absent, so it asks.
    local.scriptNext({ route: 'POST /api/v1/statuses', status: 503 });
    const lost = await publish('Réponse jamais arrivée');
    kit.clock.tick(HOLD);
    await kit.until((v) => entryOf(v, lost.id).state === 'unknown');
    kit.clock.tick(26 * 60_000);
    const view = await kit.until((v) => entryOf(v, lost.id).waitReason === 'stale');
    expect(entryOf(view, lost.id)).toMatchObject({ state: 'queued', waitUntil: null });
    expect(postsWithKey(lost.id)).toBe(1);
    expect(readBacks()).toBe(2);
    const cancelled = await kit.core.as(kit.writer).call<EntryView>('outbox.cancel', { id: lost.id });
    expect(cancelled.state).toBe('cancelled');
    expect(local.postsPerKey(lost.id)).toBe(0);
  });
});

describe('a failing server', () => {
  it('retries 5xx and timeouts with a jittered back-off, then fails visibly and raises an alert', async () => {
    const { kit, server: local, publish, entryOf } = await setUp({ requestTimeoutMs: 1_000 });
    local.stallNext('POST /api/v1/statuses');
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) local.scriptNext({ route: 'POST /api/v1/statuses', status: 503 });
    const entry = await publish('Réponse au serveur en panne');
    const failed = waitForEvent(kit.core, 'outbox.alert', (a) => a.kind === 'failed', 15_000);
    kit.clock.tick(HOLD);
    const waits: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      const view = await kit.until(
        (v) => entryOf(v, entry.id).attempts === attempt && entryOf(v, entry.id).waitReason === 'retrying',
      );
      const waiting = entryOf(view, entry.id);
      expect(waiting.state).toBe('unknown');
      const wait = must(waiting.waitUntil) - kit.clock.now();
      const base = Math.min(60_000, 2_000 * 2 ** (attempt - 1));
      expect(wait).toBeGreaterThanOrEqual(base * 0.5);
      expect(wait).toBeLessThanOrEqual(base * 1.5);
      waits.push(wait);
      kit.clock.tick(wait);
    }
    expect(await failed).toMatchObject({ entryId: entry.id, kind: 'failed' });
    const view = await kit.until((v) => entryOf(v, entry.id).state === 'failed');
    expect(entryOf(view, entry.id)).toMatchObject({ failureCode: 'unknown', retryable: true, attempts: MAX_ATTEMPTS });
    expect(entryOf(view, entry.id).failureReason).toMatch(/HTTP 503/);
    expect(local.postsPerKey(entry.id)).toBe(0);
    // A safe retry: the same Idempotency-Key, so even a post the server made is not made twice.
    await kit.core.as(kit.writer).call('outbox.retry', { id: entry.id });
    await kit.until((v) => entryOf(v, entry.id).state === 'published');
    expect(local.postsPerKey(entry.id)).toBe(1);
  }, 20_000);

  it('draws each back-off between half and one and a half times its step, capped at a minute', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(3_000);
    expect(retryDelayMs(20, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(20, () => 0.999_999)).toBe(90_000);
  });
});
