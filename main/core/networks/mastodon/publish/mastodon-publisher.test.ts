import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingPost, Publisher } from '../../publishing/publisher';
import {
  startMastodonPublishServer,
  type FakeMastodonPublishServer,
  type MastodonPublishServerOptions,
} from '../../testing/mastodon-publish-server';
import { createMastodonPublisher } from './mastodon-publisher';

let server: FakeMastodonPublishServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const start = Date.UTC(2026, 11, 7, 20, 0, 0);

async function setup(options: MastodonPublishServerOptions & { timeoutMs?: number } = {}) {
  let clock = start;
  const now = () => clock;
  server = await startMastodonPublishServer({ now, ...options });
  const publisher = createMastodonPublisher(
    { network: 'mastodon', instance: server.origin, accessToken: server.token },
    { now, requestTimeoutMs: options.timeoutMs ?? 2_000, mediaPollMs: 1 },
  );
  return { server, publisher, advance: (ms: number) => (clock += ms) };
}

function post(fields: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    entryId: 'entry-1',
    rkey: '3lbcdefghij22',
    text: 'Nous sommes au courant et nous corrigeons. https://example.org/statut',
    language: 'fr',
    images: [],
    replyTo: null,
    contentWarning: null,
    visibility: 'public',
    createdAt: start,
    signal: new AbortController().signal,
    ...fields,
  };
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('Mastodon publisher', () => {
  it('checks the account and reads the instance limits', async () => {
    const { publisher } = await setup({ instance: { maxCharacters: 1000, maxMediaAttachments: 6 } });
    const verified = await publisher.verify(new AbortController().signal);
    expect(verified).toMatchObject({
      ok: true,
      remoteAccountId: '42',
      handle: expect.stringMatching(/^@ana@127\.0\.0\.1:\d+$/),
      displayName: 'Ana Example',
      avatarUrl: expect.stringContaining('/avatars/ana.png'),
      limits: { maxCharacters: 1000, maxImages: 6, charactersPerUrl: 23 },
    });
  });

  it('posts with language, visibility, content warning and the entry id as Idempotency-Key', async () => {
    const { server, publisher } = await setup();
    const outcome = await publisher.publish(post({ contentWarning: 'Panne', visibility: 'unlisted' }));
    expect(outcome).toMatchObject({ kind: 'published', acknowledgedAt: start, budget: { remaining: 299 } });
    const [stored] = server.statuses;
    expect(stored).toMatchObject({ language: 'fr', visibility: 'unlisted', spoiler_text: 'Panne' });
    expect(outcome.kind === 'published' && outcome.remoteId).toBe(stored?.id);
    expect(outcome.kind === 'published' && outcome.url).toBe(stored?.url);
    expect(server.requests.at(-1)).toEqual({ route: 'POST /api/v1/statuses', idempotencyKey: 'entry-1' });
  });

  it('a resend within the hour answers the first status, even with another body', async () => {
    const { server, publisher, advance } = await setup();
    const first = await publisher.publish(post());
    advance(59 * 60_000);
    const again = await publisher.publish(post({ text: 'An edited body' }));
    expect(again.kind === 'published' && again.remoteId).toBe(first.kind === 'published' && first.remoteId);
    expect(server.postsPerKey('entry-1')).toBe(1);
    expect(server.statuses).toHaveLength(1);
  });

  it('the server forgets a key after one hour (why find exists)', async () => {
    const { server, publisher, advance } = await setup();
    await publisher.publish(post());
    advance(60 * 60_000 + 1);
    await publisher.publish(post());
    expect(server.postsPerKey('entry-1')).toBe(2);
  });

  it('uploads images with their alt text, waits for processing and attaches them', async () => {
    const { server, publisher } = await setup({ mediaPolls: 3 });
    const image = { bytes: png, mimeType: 'image/png', altText: 'Le tableau des pannes', fileName: 'pannes.png' };
    const outcome = await publisher.publish(post({ images: [image, { ...image, altText: 'Deuxième' }] }));
    expect(outcome.kind).toBe('published');
    const media = [...server.media.values()];
    expect(media.map((m) => m.description)).toEqual(['Le tableau des pannes', 'Deuxième']);
    expect(media.every((m) => m.pollsLeft === 0)).toBe(true);
    expect(server.statuses[0]?.media_ids).toEqual(media.map((m) => m.id));
    expect(server.requests.filter((r) => r.route.startsWith('GET /api/v1/media/'))).toHaveLength(6);
  });

  it('a media that never finishes processing is unknown, and no status is posted', async () => {
    server = await startMastodonPublishServer({ mediaPolls: 1_000_000 });
    const publisher = createMastodonPublisher(
      { network: 'mastodon', instance: server.origin, accessToken: server.token },
      { now: () => start, mediaPollMs: 5, mediaTimeoutMs: 1_000 },
    );
    const image = { bytes: png, mimeType: 'image/png', altText: 'x', fileName: 'x.png' };
    const outcome = await publisher.publish(post({ images: [image] }));
    expect(outcome).toMatchObject({
      kind: 'unknown',
      problem: { code: 'mediaProcessingTimeout', step: 'uploading', params: { fileName: 'x.png' } },
    });
    expect(server.statuses).toHaveLength(0);
  });

  it('resolves a reply target on our instance and sends in_reply_to_id', async () => {
    const { server, publisher } = await setup();
    server.addSearchable('https://remote.example/@bob/7', '900');
    const replyTo = { url: 'https://remote.example/@bob/7', remoteId: '7' };
    expect((await publisher.publish(post({ replyTo }))).kind).toBe('published');
    expect(server.statuses[0]?.in_reply_to_id).toBe('900');
    expect(server.requests[0]?.route).toContain('GET /api/v2/search?q=https%3A%2F%2Fremote.example');
    const missing = await publisher.publish(
      post({ entryId: 'entry-2', replyTo: { url: 'https://gone.example/1', remoteId: '1' } }),
    );
    expect(missing).toMatchObject({ kind: 'rejected', problem: { code: 'replyTargetMissing' } });
  });

  it('maps 422 to rejected with the server reason', async () => {
    const { publisher } = await setup({ instance: { maxCharacters: 10 } });
    expect(await publisher.publish(post())).toEqual({
      kind: 'rejected',
      status: 422,
      // The instance's own words travel as they are, beside the status; the rest is a code.
      problem: {
        code: 'serverSaid',
        params: { status: 422, detail: 'Validation failed: Text character limit of 10 exceeded' },
      },
    });
  });

  it('maps 401 and 403 to reconnect', async () => {
    const { server } = await setup();
    const wrong = createMastodonPublisher(
      { network: 'mastodon', instance: server.origin, accessToken: 'revoked' },
      { now: () => start },
    );
    expect(await wrong.publish(post())).toMatchObject({ kind: 'reconnect', status: 401 });
    expect(await wrong.verify(new AbortController().signal)).toMatchObject({ ok: false, kind: 'reconnect' });
    server.scriptNext({ route: 'POST /api/v1/statuses', status: 403, body: '{"error":"This action is not allowed"}' });
    const { publisher } = {
      publisher: createMastodonPublisher(
        { network: 'mastodon', instance: server.origin, accessToken: server.token },
        { now: () => start },
      ),
    };
    expect(await publisher.publish(post())).toMatchObject({
      kind: 'reconnect',
      status: 403,
      problem: { code: 'serverSaid', params: { status: 403, detail: 'This action is not allowed' } },
    });
  });

  it('maps 429 to rate_limited with Retry-After, or with X-RateLimit-Reset when the budget is spent', async () => {
    const { server, publisher } = await setup({ rateLimit: { limit: 2, windowMs: 5 * 60_000 } });
    server.scriptNext({ route: 'POST /api/v1/statuses', status: 429, headers: { 'retry-after': '30' } });
    expect(await publisher.publish(post())).toMatchObject({ kind: 'rate_limited', until: start + 30_000 });
    const first = await publisher.publish(post({ entryId: 'a' }));
    expect(first.kind === 'published' && first.budget).toEqual({ remaining: 1, resetAt: start + 5 * 60_000 });
    await publisher.publish(post({ entryId: 'b' }));
    expect(await publisher.publish(post({ entryId: 'c' }))).toMatchObject({
      kind: 'rate_limited',
      until: start + 5 * 60_000,
    });
    expect(server.statuses).toHaveLength(2);
  });

  it('maps 5xx, a stalled answer and an unreadable body to unknown', async () => {
    const { server, publisher } = await setup({ timeoutMs: 200 });
    server.scriptNext({ route: 'POST /api/v1/statuses', status: 502, body: '<html>Bad gateway</html>' });
    // A proxy's HTML page is no Mastodon error body: the status alone, not the page.
    expect(await publisher.publish(post())).toEqual({
      kind: 'unknown',
      problem: { code: 'httpStatus', params: { status: 502 }, step: 'posting' },
    });
    server.scriptNext({ route: 'POST /api/v1/statuses', status: 200, body: '{"id":' });
    expect(await publisher.publish(post())).toMatchObject({
      kind: 'unknown',
      problem: { code: 'unreadableAnswer', step: 'posting' },
    });
    server.stallNext('POST /api/v1/statuses');
    expect(await publisher.publish(post())).toMatchObject({
      kind: 'unknown',
      problem: { code: 'noAnswerInTime', step: 'posting' },
    });
  });

  it('maps a refused connection to offline', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const publisher: Publisher = createMastodonPublisher(
      { network: 'mastodon', instance: `http://127.0.0.1:${port}`, accessToken: 't' },
      { now: () => start },
    );
    expect(await publisher.publish(post())).toMatchObject({ kind: 'offline' });
    expect(await publisher.verify(new AbortController().signal)).toMatchObject({ ok: false, kind: 'offline' });
  });

  it('a dropped answer is unknown; find settles it and a resend makes no second post', async () => {
    const { server, publisher, advance } = await setup();
    server.dropAfterCommit();
    const text = 'Merci @bob@remote.example : voir https://example.org/a-very/long/path?x=1\n\nÀ bientôt 🎉';
    expect(await publisher.publish(post({ text }))).toMatchObject({ kind: 'unknown' });
    expect(server.postsPerKey('entry-1')).toBe(1);
    advance(2 * 60 * 60_000);
    const found = await publisher.find({ ...post({ text }) });
    expect(found).toMatchObject({ kind: 'found', remoteId: server.statuses[0]?.id, acknowledgedAt: start });
  });

  it('find answers absent for other texts and for statuses older than the entry', async () => {
    const { server, publisher } = await setup();
    server.addOwnStatus({
      content: '<p>Nous sommes au courant</p>',
      created_at: new Date(start - 3_600_000).toISOString(),
    });
    server.addOwnStatus({ content: '<p>Something else</p>' });
    expect(await publisher.find(post({ text: 'Nous sommes au courant' }))).toEqual({ kind: 'absent' });
    server.scriptNext({ route: 'GET /api/v1/accounts/42/statuses', status: 503 });
    expect((await publisher.find(post())).kind).toBe('unknown');
  });

  it('retracts a status; one already gone is absent', async () => {
    const { server, publisher } = await setup();
    const outcome = await publisher.publish(post());
    const id = outcome.kind === 'published' ? outcome.remoteId : '';
    const signal = new AbortController().signal;
    expect(await publisher.retract(id, signal)).toEqual({ kind: 'deleted' });
    expect(server.statuses).toHaveLength(0);
    expect(await publisher.retract(id, signal)).toEqual({ kind: 'absent' });
    server.scriptNext({ route: `DELETE /api/v1/statuses/${id}`, status: 500 });
    expect(await publisher.retract(id, signal)).toMatchObject({ kind: 'failed', retryable: true });
  });
});
