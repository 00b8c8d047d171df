import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeBlueskyPds } from '../../testing/bluesky-pds-server';
import { createBlueskyPublisher } from './bluesky-publisher';
import { post, setUpPds, start } from './testing/publisher-kit';

let server: FakeBlueskyPds | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(...args: Parameters<typeof setUpPds>) {
  const kit = await setUpPds(...args);
  server = kit.server;
  return kit;
}

const signal = () => new AbortController().signal;

describe('Bluesky publisher: sessions, not logins', () => {
  it('logs in once; a new publisher (a restart) resumes the saved session instead of logging in', async () => {
    const { publisher, server: pds, saved } = await setup();
    const first = publisher();
    expect((await first.verify(signal())).ok).toBe(true);
    expect((await first.publish(post())).kind).toBe('published');
    expect(pds.logins).toBe(1);
    expect(saved()).toMatchObject({ did: pds.did, handle: pds.handle });
    const later = publisher();
    expect((await later.publish(post({ rkey: '3lbcdefghij23' }))).kind).toBe('published');
    expect((await later.publish(post({ rkey: '3lbcdefghij24' }))).kind).toBe('published');
    expect(pds.logins).toBe(1);
    expect(pds.refreshes).toBe(1);
  });

  it('refreshes an expired access token and sends again, once; entries sent together share one login', async () => {
    const { publisher, server: pds, saves } = await setup();
    const client = publisher();
    const first = await Promise.all(
      ['3lbcdefghij22', '3lbcdefghij23', '3lbcdefghij24'].map((rkey) => client.publish(post({ rkey }))),
    );
    expect(first.map((o) => o.kind)).toEqual(['published', 'published', 'published']);
    expect(pds.logins).toBe(1);
    pds.expireAccessTokens();
    expect((await client.publish(post({ rkey: '3lbcdefghij25' }))).kind).toBe('published');
    expect(pds.refreshes).toBe(1);
    expect(pds.logins).toBe(1);
    expect(pds.createsPerKey('3lbcdefghij25')).toBe(1);
    expect(saves.at(-1)?.accessJwt).not.toBe(saves[0]?.accessJwt);
  });

  it('an expired token whose refresh gets no answer waits for the network; nothing is posted, then it goes', async () => {
    const { publisher, server: pds } = await setup();
    const client = publisher();
    await client.publish(post());
    pds.expireAccessTokens();
    pds.scriptNext({ route: 'POST com.atproto.server.refreshSession', status: 503, body: '' });
    expect(await client.publish(post({ rkey: '3lbcdefghij23' }))).toMatchObject({
      kind: 'offline',
      problem: { code: 'sessionRefreshFailed', step: 'posting' },
    });
    expect(pds.records.has('3lbcdefghij23')).toBe(false);
    expect((await client.publish(post({ rkey: '3lbcdefghij23' }))).kind).toBe('published');
    expect(pds.logins).toBe(1);
  });

  it('a session the PDS ended is created again once; a refused app password asks for a reconnect', async () => {
    const { publisher, server: pds, saves } = await setup();
    await publisher().publish(post());
    pds.revokeSessions();
    expect((await publisher().publish(post({ rkey: '3lbcdefghij23' }))).kind).toBe('published');
    expect(saves).toContain(null);
    expect(pds.logins).toBe(2);
    const wrong = createBlueskyPublisher(
      { network: 'bluesky', service: pds.origin, identifier: pds.handle, appPassword: 'wrong-pass' },
      { now: () => start },
    );
    expect(await wrong.verify(signal())).toMatchObject({ ok: false, kind: 'reconnect' });
    expect(await wrong.publish(post({ rkey: '3lbcdefghij24' }))).toMatchObject({ kind: 'reconnect' });
    expect(pds.records.has('3lbcdefghij24')).toBe(false);
  });

  it('a 401 that persists after the refresh asks for a reconnect; a single one is refreshed and sent once', async () => {
    const { publisher, server: pds } = await setup();
    const client = publisher();
    const unauthorized = { route: 'POST com.atproto.repo.createRecord', status: 401, body: '{"error":"InvalidToken"}' };
    pds.scriptNext(unauthorized);
    expect((await client.publish(post())).kind).toBe('published');
    expect(pds.createsPerKey('3lbcdefghij22')).toBe(1);
    pds.scriptNext(unauthorized, unauthorized);
    expect(await client.publish(post({ rkey: '3lbcdefghij23' }))).toMatchObject({ kind: 'reconnect', status: 401 });
    expect(pds.logins).toBe(1);
  });
});

describe('Bluesky publisher: answers as outcomes', () => {
  it('a sign-in the PDS rate-limits waits until its reset and says so', async () => {
    const { publisher } = await setup({ loginLimit: { count: 0, windowMs: 5 * 60_000 } });
    const until = Math.ceil((start + 5 * 60_000) / 1000) * 1000;
    expect(await publisher().publish(post())).toEqual({
      kind: 'rate_limited',
      until,
      problem: { code: 'signInsLimited', params: { untilAt: until } },
    });
    expect(await publisher().verify(signal())).toMatchObject({ ok: false, problem: { code: 'signInsLimited' } });
  });

  it('a 400 is rejected with the PDS’s own reason', async () => {
    const { publisher } = await setup();
    const outcome = await publisher().publish(post({ text: 'x'.repeat(301) }));
    expect(outcome).toEqual({
      kind: 'rejected',
      status: 400,
      problem: {
        code: 'serverSaid',
        params: {
          status: 400,
          detail: 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes',
        },
      },
    });
  });

  it('a 429 waits until ratelimit-reset', async () => {
    const { publisher, server: pds } = await setup();
    const reset = Math.floor(start / 1000) + 900;
    pds.scriptNext({
      route: 'POST com.atproto.repo.createRecord',
      status: 429,
      headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) },
      body: '{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}',
    });
    expect(await publisher().publish(post())).toMatchObject({ kind: 'rate_limited', until: reset * 1000 });
  });

  it('the write budget runs out: 429 from the PDS itself', async () => {
    const { publisher } = await setup({ writeLimit: { points: 4, windowMs: 60 * 60_000 } });
    const client = publisher();
    expect(await client.publish(post())).toMatchObject({ kind: 'published', budget: { remaining: 1 } });
    expect(await client.publish(post({ rkey: '3lbcdefghij23' }))).toMatchObject({ kind: 'rate_limited' });
  });

  it('5xx, a stalled answer and an answer lost after the write are unknown; getRecord settles them', async () => {
    const { publisher, server: pds } = await setup({ timeoutMs: 300 });
    const client = publisher();
    pds.scriptNext({ route: 'POST com.atproto.repo.createRecord', status: 502, body: '<html>Bad gateway</html>' });
    expect(await client.publish(post())).toMatchObject({ kind: 'unknown' });
    expect(await client.find(post())).toEqual({ kind: 'absent' });
    pds.stallNext('POST com.atproto.repo.createRecord');
    expect(await client.publish(post())).toMatchObject({
      kind: 'unknown',
      problem: { code: 'noAnswerInTime', step: 'posting' },
    });
    pds.dropAfterCommit();
    expect(await client.publish(post())).toMatchObject({ kind: 'unknown' });
    expect(pds.createsPerKey('3lbcdefghij22')).toBe(1);
    // Why unknown is never retried blindly: the same key again is a 500, not the first record.
    expect(await client.publish(post())).toMatchObject({
      kind: 'unknown',
      problem: { code: 'httpStatus', params: { status: 500 } },
    });
    expect(await client.find(post())).toEqual({
      kind: 'found',
      remoteId: `at://${pds.did}/app.bsky.feed.post/3lbcdefghij22`,
      url: `https://bsky.app/profile/${pds.handle}/post/3lbcdefghij22`,
      acknowledgedAt: start,
    });
    expect(pds.createsPerKey('3lbcdefghij22')).toBe(1);
    pds.scriptNext({ route: 'GET com.atproto.repo.getRecord', status: 503, body: '' });
    expect((await client.find(post())).kind).toBe('unknown');
  });

  it('a refused connection is offline, for posts and checks alike', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const client = createBlueskyPublisher(
      { network: 'bluesky', service: `http://127.0.0.1:${port}`, identifier: 'ana.riposte.test', appPassword: 'p' },
      { now: () => start },
    );
    expect(await client.publish(post())).toMatchObject({ kind: 'offline' });
    expect(await client.verify(signal())).toMatchObject({ ok: false, kind: 'offline' });
  });

  it('retracts with deleteRecord; a record already gone is absent', async () => {
    const { publisher, server: pds } = await setup();
    const client = publisher();
    const outcome = await client.publish(post());
    const uri = outcome.kind === 'published' ? outcome.remoteId : '';
    expect(await client.retract(uri, signal())).toEqual({ kind: 'deleted' });
    expect(pds.records.size).toBe(0);
    expect(await client.retract(uri, signal())).toEqual({ kind: 'absent' });
    pds.scriptNext({ route: 'POST com.atproto.repo.deleteRecord', status: 500, body: '' });
    expect(await client.retract(uri, signal())).toMatchObject({ kind: 'failed', retryable: true });
  });
});
